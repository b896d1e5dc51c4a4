//! `lede serve`.

use clap::Args;

use super::common::IndexLocation;

/// `lede serve`.
#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Address to listen on (port 0: any free port, printed on stderr). Only this machine by default.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:7700")]
    pub addr: String,
}

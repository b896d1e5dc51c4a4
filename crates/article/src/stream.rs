//! Reading bytes off disk with bounds: gzip decoding and a cap on the decompressed size, with read
//! errors told apart (gzip damage, the cap, plain I/O).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use crate::error::{Error, Result};

/// A reader that fails once more than `limit` bytes have come through.
struct Capped<R> {
    inner: R,
    remaining: u64,
    limit: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.remaining == 0 {
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::other(CapExceeded(self.limit))),
            };
        }
        let max = buf.len().min(self.remaining.min(usize::MAX as u64) as usize);
        let n = self.inner.read(&mut buf[..max])?;
        self.remaining -= n as u64;
        Ok(n)
    }
}

#[derive(Debug)]
struct CapExceeded(u64);

impl std::fmt::Display for CapExceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "more than {} bytes", self.0)
    }
}

impl std::error::Error for CapExceeded {}

pub(crate) fn open_stream(file: File, gzip: bool, limit: u64) -> Box<dyn BufRead + Send> {
    let raw: Box<dyn Read + Send> = if gzip {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::with_capacity(
            1 << 16,
            file,
        )))
    } else {
        Box::new(file)
    };
    Box::new(BufReader::with_capacity(
        1 << 16,
        Capped {
            inner: raw,
            remaining: limit,
            limit,
        },
    ))
}

/// Maps a read error to the crate error, telling gzip damage and size caps apart.
pub(crate) fn stream_error(path: &Path, error: io::Error, gzip_hint: bool) -> Error {
    if let Some(cap) = error.get_ref().and_then(|e| e.downcast_ref::<CapExceeded>()) {
        return Error::TooLarge {
            path: path.to_owned(),
            what: "decompressed content".into(),
            limit: cap.0,
        };
    }
    let gzipped = gzip_hint || path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    if gzipped
        && matches!(
            error.kind(),
            io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData
        )
    {
        let reason = if error.kind() == io::ErrorKind::UnexpectedEof {
            "truncated (ends before the gzip trailer)".to_owned()
        } else {
            error.to_string()
        };
        return Error::Gzip {
            path: path.to_owned(),
            reason,
        };
    }
    Error::Io {
        path: path.to_owned(),
        source: error,
    }
}

pub(crate) fn read_document(file: File, gzip: bool, path: &Path, limit: u64) -> Result<Vec<u8>> {
    let mut reader = open_stream(file, gzip, limit);
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| match stream_error(path, e, gzip) {
            Error::TooLarge { path, limit, .. } => Error::TooLarge {
                path,
                what: "document".into(),
                limit,
            },
            other => other,
        })?;
    Ok(bytes)
}

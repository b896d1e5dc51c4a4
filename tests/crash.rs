//! Crash safety: `lede index` killed with SIGKILL at several points leaves an index that opens, and a re-run
//! finishes the job with exactly the right number of articles (no duplicates, nothing lost).

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::util::{json, TestEnv};

fn article_count(env: &TestEnv) -> u64 {
    let run = env.lede(&["stats", "--json"]);
    assert_eq!(run.code, 0, "index must open after a kill: {}", run.stderr);
    json::<lede::wire::Stats>(&run.stdout).articles
}

#[cfg(unix)]
#[test]
fn killed_runs_leave_a_usable_index_and_a_rerun_completes_exactly() {
    let env = TestEnv::new();
    // 1,500 small files and one large JSON Lines file (whose records span several commits).
    for i in 0..1_500 {
        env.write(
            &format!("txt/{:02}/story-{i}.txt", i % 30),
            format!("Story number {i} on the budget\n\nCongress debated budget item {i} at length on Tuesday.\n"),
        );
    }
    let mut lines = String::new();
    for i in 0..20_000 {
        lines.push_str(&format!("{{\"id\":\"r{i}\",\"title\":\"Record {i} about tariffs\",\"text\":\"Tariff record {i}: the trade talks continued with more tariffs.\"}}\n"));
    }
    env.write("big.jsonl", lines);
    let expected = 21_500;

    let mut committed_before_finish = false;
    for delay_ms in [300u64, 900, 1_800] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lede"))
            .args([
                "index",
                env.corpus.to_str().expect("utf-8"),
                "--no-entities",
                "--commit-every",
                "2000",
            ])
            .env("LEDE_INDEX", &env.index)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn lede index");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL on unix
        let status = child.wait().expect("wait");
        if env.index.join("meta.json").exists() {
            let n = article_count(&env);
            assert!(n <= expected, "never more than the corpus holds: {n}");
            committed_before_finish |= status.code().is_none() && n > 0;
        }
    }
    let run = env.lede(&["index", env.corpus.to_str().expect("utf-8"), "--no-entities"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(article_count(&env), expected, "re-run completes without duplicates");
    let run = env.lede(&["search", "\"record 19999\"", "--json"]);
    assert_eq!(run.stdout.lines().count(), 1, "the last record is there once");
    // Informative only: on a fast machine every run may finish before the kill.
    eprintln!("a kill landed after a commit: {committed_before_finish}");
}

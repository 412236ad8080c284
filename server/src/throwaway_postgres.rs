//! A PostgreSQL server of its own, from Debian's binaries, in a temporary
//! folder on a free loopback port, stopped and removed on drop: for the
//! service's tests and `cargo xtask bench`. Standard library only, so xtask
//! includes this file as it is instead of depending on the service.

use std::path::PathBuf;
use std::process::{Command, Stdio};

pub struct ThrowawayPostgres {
    /// `postgres://postgres@127.0.0.1:<port>/postgres` (trust auth, loopback only).
    pub url: String,
    dir: PathBuf,
    bin: PathBuf,
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

/// initdb and postgres refuse to run as root; as root (CI, containers) they
/// run as Debian's `postgres` user.
fn as_postgres(cmd: PathBuf, args: &[&str]) -> Command {
    let mut c = if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(cmd);
        c
    } else {
        Command::new(cmd)
    };
    c.args(args).stdout(Stdio::null());
    c
}

impl ThrowawayPostgres {
    pub fn start() -> Result<ThrowawayPostgres, String> {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .ok()
            .and_then(|d| d.filter_map(Result::ok).map(|e| e.path().join("bin")).filter(|p| p.join("initdb").exists()).max())
            .ok_or("PostgreSQL is not installed: `cargo xtask test` installs Debian's postgresql package")?;
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("mw-pg-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let mut pg = ThrowawayPostgres { url: String::new(), dir, bin };
        if is_root() && !Command::new("chown").args(["-R", "postgres:postgres"]).arg(&pg.dir).status().is_ok_and(|s| s.success()) {
            return Err("could not hand the temporary folder to the postgres user".into());
        }
        let data = pg.dir.join("data").display().to_string();
        let out = as_postgres(pg.bin.join("initdb"), &["-D", &data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"])
            .output()
            .map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(format!("initdb failed: {}", String::from_utf8_lossy(&out.stderr)));
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| e.to_string())?.port();
        let options = format!("-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off", pg.dir.display());
        let log = pg.dir.join("log").display().to_string();
        let out = as_postgres(pg.bin.join("pg_ctl"), &["-D", &data, "-l", &log, "-o", &options, "-w", "start"]).output().map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(format!("PostgreSQL did not start: {}", std::fs::read_to_string(&log).unwrap_or_default()));
        }
        pg.url = format!("postgres://postgres@127.0.0.1:{port}/postgres");
        Ok(pg)
    }
}

impl Drop for ThrowawayPostgres {
    fn drop(&mut self) {
        if !self.url.is_empty() {
            let data = self.dir.join("data").display().to_string();
            let _ = as_postgres(self.bin.join("pg_ctl"), &["-D", &data, "-m", "immediate", "stop"]).output();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

//! One connection to either database the store runs on: SQLite (a file, the default) or
//! PostgreSQL (a server shared by several `skm serve`). Statements are written once, in the SQL
//! both understand, with SQLite's numbered parameters (`?1`), which become PostgreSQL's (`$1`);
//! values cross as [`Value`], rows come back as [`Row`].

use std::collections::HashMap;
use std::sync::mpsc;

use postgres::types::Type;

use super::StoreError;

/// A parameter or a column's value: an integer or a text, either of which may be NULL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// An integer (SQLite INTEGER, PostgreSQL BIGINT; a boolean is 0 or 1).
    Int(Option<i64>),
    /// A text.
    Text(Option<String>),
}

/// What can be a statement's parameter.
pub trait Param {
    /// The value.
    fn value(&self) -> Value;
    /// The NULL of this type.
    fn null() -> Value;
}

impl Param for str {
    fn value(&self) -> Value {
        Value::Text(Some(self.to_owned()))
    }
    fn null() -> Value {
        Value::Text(None)
    }
}

impl Param for String {
    fn value(&self) -> Value {
        self.as_str().value()
    }
    fn null() -> Value {
        Value::Text(None)
    }
}

macro_rules! int_param {
    ($($t:ty),*) => {$(
        impl Param for $t {
            fn value(&self) -> Value {
                Value::Int(Some(i64::from(*self)))
            }
            fn null() -> Value {
                Value::Int(None)
            }
        }
    )*};
}
int_param!(i64, u32, u8, bool);

impl<T: Param + ?Sized> Param for &T {
    fn value(&self) -> Value {
        (**self).value()
    }
    fn null() -> Value {
        T::null()
    }
}

impl<T: Param> Param for Option<T> {
    fn value(&self) -> Value {
        self.as_ref().map_or_else(T::null, Param::value)
    }
    fn null() -> Value {
        T::null()
    }
}

/// A statement's parameters: `args![a, b]` is `&[a.value(), b.value()]`.
macro_rules! args {
    ($($x:expr),* $(,)?) => {
        &[$($crate::store::db::Param::value(&$x)),*][..]
    };
}
pub(crate) use args;

/// What can be read from a column.
pub trait FromValue: Sized {
    /// The column's value as this type.
    fn from_value(v: &Value) -> Option<Self>;
}

impl FromValue for i64 {
    fn from_value(v: &Value) -> Option<i64> {
        match v {
            Value::Int(i) => *i,
            Value::Text(t) => t.as_deref()?.parse().ok(),
        }
    }
}

macro_rules! narrow_int {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            fn from_value(v: &Value) -> Option<$t> {
                <$t>::try_from(i64::from_value(v)?).ok()
            }
        }
    )*};
}
narrow_int!(u32, u8, u64);

impl FromValue for bool {
    fn from_value(v: &Value) -> Option<bool> {
        Some(i64::from_value(v)? != 0)
    }
}

impl FromValue for String {
    fn from_value(v: &Value) -> Option<String> {
        match v {
            Value::Text(t) => t.clone(),
            Value::Int(i) => i.map(|i| i.to_string()),
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: &Value) -> Option<Option<T>> {
        match v {
            Value::Int(None) | Value::Text(None) => Some(None),
            _ => T::from_value(v).map(Some),
        }
    }
}

/// A row of a result, its values in the order of the statement's columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row(Vec<Value>);

impl Row {
    /// Column `i` as a `T` (an `Option` for a column that may be NULL).
    pub fn get<T: FromValue>(&self, i: usize) -> Result<T, StoreError> {
        let value = self.0.get(i).ok_or_else(|| StoreError::Corrupt(format!("no column {i}")))?;
        T::from_value(value).ok_or_else(|| StoreError::Corrupt(format!("column {i}: {value:?}")))
    }
}

/// Which database the store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// A PostgreSQL connection, on a thread of its own.
///
/// postgres' blocking client runs a tokio runtime of its own for each call, which may not start
/// on a thread of the server's runtime (a handler, a test). So the connection lives on its own
/// thread and each call is sent there and waited for, from wherever it is made.
pub struct Pg {
    jobs: mpsc::Sender<Job>,
}

/// A call to run on the connection's thread.
type Job = Box<dyn FnOnce(&mut PgConnection) + Send>;

/// The connection, with the statements prepared on it.
pub struct PgConnection {
    url: String,
    client: postgres::Client,
    /// Whether a transaction is open: a connection lost then is an error for the rest of it,
    /// never a new connection that would run its remaining statements one by one.
    in_transaction: bool,
    /// Statements prepared in PostgreSQL's dialect, by their SQLite text: each is parsed and
    /// planned once per connection.
    prepared: HashMap<String, postgres::Statement>,
}

fn stopped() -> StoreError {
    StoreError::Postgres("the connection's thread has stopped".to_owned())
}

impl Pg {
    /// Connects to the server at `url`.
    pub fn connect(url: &str) -> Result<Pg, StoreError> {
        let (jobs, waiting) = mpsc::channel::<Job>();
        let (ready, connected) = mpsc::channel();
        let url = url.to_owned();
        std::thread::Builder::new()
            .name("skm-postgres".to_owned())
            .spawn(move || {
                let mut conn = match PgConnection::connect(&url) {
                    Ok(conn) => conn,
                    Err(e) => {
                        let _ = ready.send(Err(e));
                        return;
                    }
                };
                let _ = ready.send(Ok(()));
                while let Ok(job) = waiting.recv() {
                    job(&mut conn);
                }
            })
            .map_err(|e| StoreError::Postgres(format!("no thread for the connection: {e}")))?;
        connected.recv().map_err(|_| stopped())??;
        Ok(Pg { jobs })
    }

    /// Runs `job` on the connection and waits for what it gives.
    pub fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce(&mut PgConnection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let (done, outcome) = mpsc::channel();
        self.jobs
            .send(Box::new(move |conn| {
                let _ = done.send(job(conn));
            }))
            .map_err(|_| stopped())?;
        outcome.recv().map_err(|_| stopped())?
    }
}

impl PgConnection {
    fn connect(url: &str) -> Result<PgConnection, StoreError> {
        let client = postgres::Client::connect(url, postgres::NoTls)?;
        Ok(PgConnection { url: url.to_owned(), client, in_transaction: false, prepared: HashMap::new() })
    }

    /// The connection, made again when the server had closed it (a restart, a failover).
    pub fn client(&mut self) -> Result<&mut postgres::Client, StoreError> {
        if self.client.is_closed() {
            if self.in_transaction {
                return Err(StoreError::Postgres("the connection was lost in a transaction".to_owned()));
            }
            tracing::warn!("the PostgreSQL connection was closed; connecting again");
            *self = PgConnection::connect(&self.url)?;
        }
        Ok(&mut self.client)
    }

    fn statement(&mut self, sql: &str) -> Result<postgres::Statement, StoreError> {
        if let Some(statement) = self.prepared.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client()?.prepare(&numbered_for_postgres(sql))?;
        self.prepared.insert(sql.to_owned(), statement.clone());
        Ok(statement)
    }

    /// Statements without parameters; `BEGIN`, `COMMIT` and `ROLLBACK` mark the transaction.
    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        match sql {
            "BEGIN" => {
                self.client()?.batch_execute(sql)?;
                self.in_transaction = true;
                Ok(())
            }
            "COMMIT" | "ROLLBACK" => {
                let lost = self.client.is_closed();
                let was_open = std::mem::replace(&mut self.in_transaction, false);
                match (lost && was_open, sql) {
                    // The server rolled it back when the connection ended.
                    (true, "ROLLBACK") => Ok(()),
                    (true, _) => Err(StoreError::Postgres("the connection was lost before COMMIT".to_owned())),
                    (false, _) => Ok(self.client()?.batch_execute(sql)?),
                }
            }
            _ => Ok(self.client()?.batch_execute(sql)?),
        }
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, StoreError> {
        let statement = self.statement(sql)?;
        let boxed = postgres_params(params);
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = boxed.iter().map(AsRef::as_ref).collect();
        self.client()?.query(&statement, &refs)?.iter().map(postgres_row).collect()
    }

    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, StoreError> {
        let statement = self.statement(sql)?;
        let boxed = postgres_params(params);
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = boxed.iter().map(AsRef::as_ref).collect();
        Ok(self.client()?.execute(&statement, &refs)?)
    }
}

/// One connection to the database; every method takes `&self`, as rusqlite's do.
pub enum Db {
    /// A SQLite file.
    Sqlite(rusqlite::Connection),
    /// A PostgreSQL server.
    Postgres(Pg),
}

/// `?1`, `?2` … as `$1`, `$2` …; a `?` inside a quoted literal is left alone.
pub fn numbered_for_postgres(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quoted = false;
    for c in sql.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                out.push(c);
            }
            '?' if !quoted => out.push('$'),
            _ => out.push(c),
        }
    }
    out
}

fn sqlite_value(v: &Value) -> rusqlite::types::Value {
    match v {
        Value::Int(Some(i)) => rusqlite::types::Value::Integer(*i),
        Value::Text(Some(t)) => rusqlite::types::Value::Text(t.clone()),
        Value::Int(None) | Value::Text(None) => rusqlite::types::Value::Null,
    }
}

fn sqlite_row(row: &rusqlite::Row<'_>, columns: usize) -> rusqlite::Result<Row> {
    let mut values = Vec::with_capacity(columns);
    for i in 0..columns {
        values.push(match row.get_ref(i)? {
            rusqlite::types::ValueRef::Null => Value::Text(None),
            rusqlite::types::ValueRef::Integer(n) => Value::Int(Some(n)),
            rusqlite::types::ValueRef::Real(f) => Value::Text(Some(f.to_string())),
            rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                Value::Text(Some(String::from_utf8_lossy(t).into_owned()))
            }
        });
    }
    Ok(Row(values))
}

fn postgres_row(row: &postgres::Row) -> Result<Row, StoreError> {
    let mut values = Vec::with_capacity(row.len());
    for (i, column) in row.columns().iter().enumerate() {
        let ty = column.type_();
        let value = if *ty == Type::INT8 {
            Value::Int(row.try_get::<_, Option<i64>>(i)?)
        } else if *ty == Type::INT4 {
            Value::Int(row.try_get::<_, Option<i32>>(i)?.map(i64::from))
        } else if *ty == Type::INT2 {
            Value::Int(row.try_get::<_, Option<i16>>(i)?.map(i64::from))
        } else if *ty == Type::BOOL {
            Value::Int(row.try_get::<_, Option<bool>>(i)?.map(i64::from))
        } else {
            Value::Text(row.try_get::<_, Option<String>>(i)?)
        };
        values.push(value);
    }
    Ok(Row(values))
}

/// The parameters as PostgreSQL takes them: each a typed `Option`, so that a NULL has a type.
fn postgres_params(params: &[Value]) -> Vec<Box<dyn postgres::types::ToSql + Sync>> {
    params
        .iter()
        .map(|v| -> Box<dyn postgres::types::ToSql + Sync> {
            match v {
                Value::Int(i) => Box::new(*i),
                Value::Text(t) => Box::new(t.clone()),
            }
        })
        .collect()
}

impl Db {
    /// Which database this is.
    pub fn kind(&self) -> Kind {
        match self {
            Db::Sqlite(_) => Kind::Sqlite,
            Db::Postgres(_) => Kind::Postgres,
        }
    }

    /// Runs a statement; the rows it changed.
    pub fn execute(&self, sql: &str, params: &[Value]) -> Result<u64, StoreError> {
        match self {
            Db::Sqlite(conn) => {
                let values: Vec<rusqlite::types::Value> = params.iter().map(sqlite_value).collect();
                let mut stmt = conn.prepare_cached(sql)?;
                Ok(stmt.execute(rusqlite::params_from_iter(values))? as u64)
            }
            Db::Postgres(pg) => {
                let (sql, params) = (sql.to_owned(), params.to_vec());
                pg.run(move |conn| conn.execute(&sql, &params))
            }
        }
    }

    /// Runs statements without parameters, one after the other.
    pub fn batch(&self, sql: &str) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(conn) => Ok(conn.execute_batch(sql)?),
            Db::Postgres(pg) => {
                let sql = sql.to_owned();
                pg.run(move |conn| conn.batch(&sql))
            }
        }
    }

    /// Each row a query gives, read by `read`.
    pub fn query_map<T>(
        &self,
        sql: &str,
        params: &[Value],
        mut read: impl FnMut(&Row) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        let rows = match self {
            Db::Sqlite(conn) => {
                let values: Vec<rusqlite::types::Value> = params.iter().map(sqlite_value).collect();
                let mut stmt = conn.prepare_cached(sql)?;
                let columns = stmt.column_count();
                let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| sqlite_row(r, columns))?;
                rows.collect::<rusqlite::Result<Vec<Row>>>()?
            }
            Db::Postgres(pg) => {
                let (sql, params) = (sql.to_owned(), params.to_vec());
                pg.run(move |conn| conn.query(&sql, &params))?
            }
        };
        rows.iter().map(&mut read).collect()
    }

    /// The first row a query gives, read by `read`, if there is one.
    pub fn query_opt<T>(
        &self,
        sql: &str,
        params: &[Value],
        read: impl FnMut(&Row) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        Ok(self.query_map(sql, params, read)?.into_iter().next())
    }

    /// The first row a query gives, read by `read`; none is an error.
    pub fn query_one<T>(
        &self,
        sql: &str,
        params: &[Value],
        read: impl FnMut(&Row) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.query_opt(sql, params, read)?.ok_or_else(|| StoreError::Corrupt(format!("no row from {sql}")))
    }

    /// Runs `work` in one transaction: committed when it returns `Ok`, rolled back otherwise.
    pub fn transaction<T>(&self, work: impl FnOnce(&Db) -> Result<T, StoreError>) -> Result<T, StoreError> {
        self.batch("BEGIN")?;
        match work(self).and_then(|done| self.batch("COMMIT").map(|()| done)) {
            Ok(done) => Ok(done),
            Err(e) => {
                // Nothing to roll back when the connection is gone or COMMIT itself ended it.
                let _ = self.batch("ROLLBACK");
                Err(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_parameters_become_postgres_ones_outside_literals() {
        assert_eq!(
            numbered_for_postgres("SELECT a FROM t WHERE b = ?1 AND c = '?' AND d = ?12"),
            "SELECT a FROM t WHERE b = $1 AND c = '?' AND d = $12"
        );
    }

    /// The same statements give the same rows on both databases: on PostgreSQL only when
    /// `SKM_TEST_POSTGRES` names one (`bash scripts/postgres.sh start` prints its URL).
    #[test]
    fn one_statement_two_databases() {
        let mut dbs = vec![Db::Sqlite(rusqlite::Connection::open_in_memory().unwrap())];
        if let Ok(url) = std::env::var("SKM_TEST_POSTGRES") {
            let db = Db::Postgres(Pg::connect(&url).unwrap());
            db.batch("DROP TABLE IF EXISTS db_probe").unwrap();
            dbs.push(db);
        }
        for db in dbs {
            db.batch("CREATE TABLE db_probe (id TEXT PRIMARY KEY, n BIGINT, note TEXT)").unwrap();
            db.execute("INSERT INTO db_probe (id, n, note) VALUES (?1, ?2, ?3)", args!["a", 3_i64, None::<String>])
                .unwrap();
            let failed = db.transaction(|tx| {
                tx.execute("INSERT INTO db_probe (id, n, note) VALUES (?1, ?2, ?3)", args!["b", 4_u32, Some("x")])?;
                Err::<(), _>(StoreError::Corrupt("stop".to_owned()))
            });
            assert!(failed.is_err());
            let rows = db
                .query_map("SELECT id, n, note, COUNT(*) OVER (), n > 2 FROM db_probe ORDER BY id", &[], |r| {
                    Ok((
                        r.get::<String>(0)?,
                        r.get::<u32>(1)?,
                        r.get::<Option<String>>(2)?,
                        r.get::<i64>(3)?,
                        r.get(4)?,
                    ))
                })
                .unwrap();
            assert_eq!(rows, [("a".to_owned(), 3, None, 1, true)], "the failed transaction left nothing");
            assert!(db.query_one("SELECT n FROM db_probe WHERE id = ?1", args!["zz"], |r| r.get::<i64>(0)).is_err());
            db.batch("DROP TABLE db_probe").unwrap();
        }
    }

    /// A connection lost in a transaction fails the rest of it (no statement of it runs on a
    /// new connection), and the next call after it connects again.
    #[test]
    fn a_connection_lost_in_a_transaction_fails_it_and_the_next_call_connects_again() {
        let Ok(url) = std::env::var("SKM_TEST_POSTGRES") else { return };
        let db = Db::Postgres(Pg::connect(&url).unwrap());
        let killer = Db::Postgres(Pg::connect(&url).unwrap());
        let pid: i64 = db.query_one("SELECT pg_backend_pid()", &[], |r| r.get(0)).unwrap();
        let failed = db.transaction(|tx| {
            tx.query_one("SELECT CAST(1 AS BIGINT)", &[], |r| r.get::<i64>(0))?;
            let sql = "SELECT pg_terminate_backend(CAST(CAST(?1 AS BIGINT) AS INT))";
            killer.query_one(sql, args![pid], |r| r.get::<bool>(0))?;
            tx.query_one("SELECT CAST(2 AS BIGINT)", &[], |r| r.get::<i64>(0))
        });
        assert!(failed.is_err(), "{failed:?}");
        assert_eq!(db.query_one("SELECT CAST(3 AS BIGINT)", &[], |r| r.get::<i64>(0)).unwrap(), 3);
        let again: i64 = db.query_one("SELECT pg_backend_pid()", &[], |r| r.get(0)).unwrap();
        assert_ne!(again, pid, "a new connection");
    }
}

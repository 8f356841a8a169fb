//! `skm serve` on an empty database fills it with this year's demo responses up to the moment
//! it starts: a dashboard opened today never counts answers from days still to come.

use skm_e2e::Server;

#[test]
fn the_demo_fill_stops_at_the_moment_the_server_starts() {
    let dir = tempfile::tempdir().unwrap();
    let started = jiff::Timestamp::now();
    let server = Server::start(&dir.path().join("skm.db"), &[]).unwrap();
    let csv = server.responses_csv().unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let mut count = 0;
    for record in reader.records() {
        let record = record.unwrap();
        let at: jiff::Timestamp = record[1].parse().unwrap_or_else(|e| panic!("{}: {e}", &record[1]));
        assert!(at <= started, "a demo response dated {at}, after the server started at {started}");
        count += 1;
    }
    let year = started.to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(7))).year();
    println!("demo fill on {started}: {count} responses of {year}");
}

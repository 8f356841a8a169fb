//! The units and the services they offer today, as the survey's routes need them: read from
//! the store and kept in memory. Every few seconds the copy is checked, and read again only when
//! another connection changed the database (`skm unit add`, `skm standards import`) or the day
//! changed (a version coming into force): such a change reaches a running server without a
//! restart, and the store's lock is not held to parse every standard again otherwise.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use jiff::civil::Date;
use skm_core::catalog::ServiceStandard;
use skm_core::response::SubmissionError;
use skm_core::unit::{ServiceInfo, Unit, UnitInfo};

use crate::store::{Store, StoreError};

/// How old the copy in memory may grow before it is read again.
pub const REFRESH: Duration = Duration::from_secs(5);

/// A unit with the standards in force today.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The unit.
    pub unit: Unit,
    /// Its services in force today, by code.
    pub services: Vec<ServiceStandard>,
}

impl Listed {
    /// The public description.
    pub fn info(&self) -> UnitInfo {
        self.unit.info(u32::try_from(self.services.len()).unwrap_or(u32::MAX))
    }

    /// The services as the survey lists them.
    pub fn service_infos(&self) -> Vec<ServiceInfo> {
        self.services.iter().map(|s| ServiceInfo::of(&self.unit, s)).collect()
    }

    /// Whether it offers this service today.
    pub fn offers(&self, service: &str) -> bool {
        self.services.iter().any(|s| s.code == service)
    }
}

/// Every unit with its services today.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    /// The units, by pemda then name.
    pub units: Vec<Listed>,
}

impl Directory {
    /// Reads the units and the standards in force on `today`.
    pub fn load(store: &Store, today: Date) -> Result<Directory, StoreError> {
        let mut units = Vec::new();
        for stored in store.units()? {
            let services =
                store.standards_in_force(&stored.unit.code, today)?.into_iter().filter_map(|v| v.standard).collect();
            units.push(Listed { unit: stored.unit, services });
        }
        Ok(Directory { units })
    }

    /// The unit with this code.
    pub fn unit(&self, code: &str) -> Option<&Listed> {
        self.units.iter().find(|u| u.unit.code == code)
    }

    /// Every service offered today, unit by unit.
    pub fn services(&self) -> Vec<ServiceInfo> {
        self.units.iter().flat_map(Listed::service_infos).collect()
    }

    /// The unit a submission is for: the one it names, which must offer the service today, or
    /// else the one unit that offers a service of this code.
    pub fn resolve(&self, unit: Option<&str>, service: &str) -> Result<&Listed, SubmissionError> {
        let refuse = |field: &str, id: String, en: String| SubmissionError {
            field: field.to_owned(),
            message_id: id,
            message_en: en,
        };
        if let Some(code) = unit {
            let listed = self.unit(code).ok_or_else(|| {
                refuse("unit", format!("unit '{code}' tidak dikenal"), format!("unknown unit '{code}'"))
            })?;
            if !listed.offers(service) {
                return Err(refuse(
                    "service",
                    format!("layanan '{service}' tidak ada atau tidak dilayani lagi di unit '{code}'"),
                    format!("service '{service}' does not exist or is no longer offered by unit '{code}'"),
                ));
            }
            return Ok(listed);
        }
        let mut offering = self.units.iter().filter(|u| u.offers(service));
        match (offering.next(), offering.next()) {
            (Some(one), None) => Ok(one),
            (Some(_), Some(_)) => Err(refuse(
                "unit",
                format!("layanan '{service}' ada di beberapa unit; sebutkan unit"),
                format!("service '{service}' is offered by several units; name the unit"),
            )),
            (None, _) => Err(refuse(
                "service",
                format!("layanan '{service}' tidak dikenal atau tidak dilayani lagi"),
                format!("unknown service '{service}', or no longer offered"),
            )),
        }
    }
}

/// The copy in memory and what it was read from.
#[derive(Debug)]
struct Copy {
    /// When it was last checked.
    checked: Instant,
    /// The day whose versions it holds.
    day: Date,
    /// The database's `data_version` when it was read.
    data_version: i64,
    directory: Arc<Directory>,
}

/// The directory shared by the handlers, checked against the store every [`REFRESH`].
#[derive(Debug, Clone)]
pub struct SharedDirectory {
    current: Arc<RwLock<Copy>>,
}

impl SharedDirectory {
    /// Reads it from the store now.
    pub fn load(store: &Store) -> Result<SharedDirectory, StoreError> {
        let day = crate::now_wib().date();
        let copy = Copy {
            checked: Instant::now(),
            day,
            data_version: store.data_version()?,
            directory: Arc::new(Directory::load(store, day)?),
        };
        Ok(SharedDirectory { current: Arc::new(RwLock::new(copy)) })
    }

    /// The directory; after [`REFRESH`] it is checked, and read again if the database or the
    /// day changed. On a read error the last copy is kept (and the error logged).
    pub fn get(&self, store: &std::sync::Mutex<Store>) -> Arc<Directory> {
        if let Ok(copy) = self.current.read() {
            if copy.checked.elapsed() < REFRESH {
                return copy.directory.clone();
            }
        }
        self.refresh(store, false)
    }

    /// Reads it again from the store now, changed or not.
    pub fn reload(&self, store: &std::sync::Mutex<Store>) -> Arc<Directory> {
        self.refresh(store, true)
    }

    fn refresh(&self, store: &std::sync::Mutex<Store>, always: bool) -> Arc<Directory> {
        let day = crate::now_wib().date();
        let Ok(mut copy) = self.current.write() else {
            return Arc::new(Directory::default());
        };
        copy.checked = Instant::now();
        let read = match store.lock() {
            Ok(s) => s.data_version().and_then(|version| {
                if always || version != copy.data_version || day != copy.day {
                    Directory::load(&s, day).map(|d| Some((version, d)))
                } else {
                    Ok(None)
                }
            }),
            Err(_) => {
                tracing::error!("store lock poisoned; keeping the last copy of the units");
                return copy.directory.clone();
            }
        };
        match read {
            Ok(Some((version, directory))) => {
                (copy.day, copy.data_version, copy.directory) = (day, version, Arc::new(directory));
            }
            Ok(None) => {}
            Err(detail) => tracing::error!(%detail, "reading the units failed; keeping the last copy"),
        }
        copy.directory.clone()
    }
}

//! The units and the services they offer today, as the survey's routes need them: read from
//! the store, kept in memory and read again every few seconds, so a unit or standard added with
//! `skm unit add` or `skm standards import` reaches a running server without a restart.

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

/// The directory shared by the handlers, read again from the store when older than [`REFRESH`].
#[derive(Debug, Clone)]
pub struct SharedDirectory {
    current: Arc<RwLock<(Instant, Arc<Directory>)>>,
}

impl SharedDirectory {
    /// Reads it from the store now.
    pub fn load(store: &Store) -> Result<SharedDirectory, StoreError> {
        let directory = Directory::load(store, crate::now_wib().date())?;
        Ok(SharedDirectory { current: Arc::new(RwLock::new((Instant::now(), Arc::new(directory)))) })
    }

    /// The directory, read again from `store` first if it is older than [`REFRESH`]; on a read
    /// error the last copy is kept (and the error logged).
    pub fn get(&self, store: &std::sync::Mutex<Store>) -> Arc<Directory> {
        if let Ok(guard) = self.current.read() {
            if guard.0.elapsed() < REFRESH {
                return guard.1.clone();
            }
        }
        self.reload(store)
    }

    /// Reads it again from the store now.
    pub fn reload(&self, store: &std::sync::Mutex<Store>) -> Arc<Directory> {
        let fresh = match store.lock() {
            Ok(s) => Directory::load(&s, crate::now_wib().date()).map_err(|e| e.to_string()),
            Err(_) => Err("store lock poisoned".to_owned()),
        };
        let Ok(mut guard) = self.current.write() else {
            return Arc::new(Directory::default());
        };
        match fresh {
            Ok(directory) => *guard = (Instant::now(), Arc::new(directory)),
            Err(detail) => {
                tracing::error!(%detail, "reading the units failed; keeping the last copy");
                guard.0 = Instant::now();
            }
        }
        guard.1.clone()
    }
}

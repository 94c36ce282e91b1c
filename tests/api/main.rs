//! End-to-end tests of the geoevents service: the real router served on 127.0.0.1:0, real
//! HTTP requests, a fresh PostgreSQL database per test. One binary, so the throwaway
//! cluster starts once.

mod harness;
#[path = "../support/shared_data.rs"]
mod shared_data;

mod access;
mod articles;
mod changes;
mod contract;
mod docs;
mod errors;
mod events;
mod exports;
mod extraction_failures;
mod limits;
mod logs;
mod merging;
mod metrics;
mod resilience;
mod timeline;

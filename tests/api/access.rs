//! Who may do what, tried as a stranger would: writes without a key, with a reader's key,
//! with a revoked key; key management with a writer's key; reads behind keys when the
//! policy says so; the `keys` command as a script would run it.

use geoevents_api::ApiConfig;
use geoevents_api::auth::{Access, AccessPolicy, Role};
use geoevents_api::limits::RateLimits;
use serde_json::{Value, json};

use crate::harness::{Exchange, TestApp, exchange};

fn article(i: u32) -> Value {
    json!({"url": format!("https://wire.example/access-{i}"), "text": format!("Chile imposed sanctions on Peru on May {i}, 2025.")})
}

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    key: Option<&str>,
    body: Option<Value>,
) -> Exchange {
    let mut request = app.client.request(method, format!("{}{path}", app.base));
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    exchange(request).await
}

fn problem(response: &Exchange, status: u16) -> Value {
    assert_eq!(response.status, status, "{}", response.text);
    assert_eq!(response.headers["content-type"], "application/problem+json");
    let problem: Value = serde_json::from_str(&response.text).expect("a problem document");
    crate::harness::assert_complete_problem(&problem, status);
    problem
}

async fn make_key(app: &TestApp, admin: &str, name: &str, role: &str) -> String {
    let made =
        send(app, reqwest::Method::POST, "/v1/keys", Some(admin), Some(json!({"name": name, "role": role})))
            .await;
    assert_eq!(made.status, 201, "{}", made.text);
    let body: Value = serde_json::from_str(&made.text).expect("json");
    assert_eq!(body["role"], role);
    body["key"].as_str().expect("the key, shown once").to_owned()
}

#[tokio::test]
async fn writes_need_a_writer_key_and_keys_need_an_admin_key() {
    let app = TestApp::spawn_with(ApiConfig::default()).await;
    use reqwest::Method;

    // A stranger reads freely but cannot write, and nothing is half-written.
    let denied = send(&app, Method::POST, "/v1/articles", None, Some(article(1))).await;
    let body = problem(&denied, 401);
    assert_eq!(denied.headers["www-authenticate"], "Bearer");
    assert!(body["detail"].as_str().is_some_and(|d| d.contains("writer")), "{body}");
    let (status, articles) = app.get("/v1/articles").await;
    assert_eq!((status, articles["articles"].as_array().map(Vec::len)), (200, Some(0)));
    problem(&send(&app, Method::GET, "/v1/keys", None, None).await, 401);
    // A key that is not one, or not in the bearer scheme, is refused even where none is needed.
    problem(&send(&app, Method::GET, "/v1/events", Some("gek_0123"), None).await, 401);
    let basic =
        exchange(app.client.get(format!("{}/v1/events", app.base)).header("authorization", "Basic eDp5"))
            .await;
    problem(&basic, 401);

    // The first admin key comes from the command line's code path; it makes the others.
    let root = geoevents_api::keys::make_key(&app.store, "root", Role::Admin).await.expect("admin key").key;
    let writer = make_key(&app, &root, "batch-job", "writer").await;
    let reader = make_key(&app, &root, "dashboard", "reader").await;
    assert_ne!(writer, reader);
    problem(
        &send(
            &app,
            Method::POST,
            "/v1/keys",
            Some(&root),
            Some(json!({"name": "batch-job", "role": "reader"})),
        )
        .await,
        409,
    );
    let bad = problem(
        &send(&app, Method::POST, "/v1/keys", Some(&root), Some(json!({"name": "a b", "role": "reader"})))
            .await,
        422,
    );
    assert_eq!(bad["errors"][0]["field"], "name");
    let bad = problem(
        &send(&app, Method::POST, "/v1/keys", Some(&root), Some(json!({"name": "x", "role": "owner"}))).await,
        422,
    );
    assert_eq!(bad["errors"][0]["field"], "role", "{bad}");

    // Each role does what it may and no more.
    let forbidden =
        problem(&send(&app, Method::POST, "/v1/articles", Some(&reader), Some(article(2))).await, 403);
    assert!(forbidden["detail"].as_str().is_some_and(|d| d.contains("dashboard")), "{forbidden}");
    problem(&send(&app, Method::GET, "/v1/keys", Some(&writer), None).await, 403);
    problem(&send(&app, Method::DELETE, "/v1/keys/dashboard", Some(&writer), None).await, 403);
    let stored = send(&app, Method::POST, "/v1/articles", Some(&writer), Some(article(3))).await;
    assert_eq!(stored.status, 201, "{}", stored.text);
    let stored: Value = serde_json::from_str(&stored.text).expect("json");
    let event = stored["events"][0]["id"].as_str().expect("an event").to_owned();
    assert_eq!(send(&app, Method::GET, "/v1/events", Some(&reader), None).await.status, 200);

    // A correction is recorded under the key's name, the analyst under it.
    let edit = app
        .client
        .patch(format!("{}/v1/events/{event}", app.base))
        .bearer_auth(&writer)
        .header("x-analyst", "analyst.kim")
        .json(&json!({"modality": "claimed"}));
    assert_eq!(exchange(edit).await.status, 200);
    let (_, history) = app.get(&format!("/v1/events/{event}/history")).await;
    let by: Vec<&str> =
        history["changes"].as_array().expect("changes").iter().filter_map(|c| c["by"].as_str()).collect();
    assert!(by.contains(&"batch-job/analyst.kim"), "{by:?}");

    // The list shows names, roles and use, never a key.
    let mut listed = Value::Null;
    for _ in 0..50 {
        let list = send(&app, Method::GET, "/v1/keys", Some(&root), None).await;
        assert_eq!(list.status, 200);
        assert!(
            !list.text.contains(&writer) && !list.text.contains(&reader[4..]),
            "no key material in lists"
        );
        listed = serde_json::from_str(&list.text).expect("json");
        let used =
            listed["keys"].as_array().expect("keys").iter().find(|k| k["name"] == "batch-job").cloned();
        if used.is_some_and(|k| k["last_used_at"].is_string()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let names: Vec<&str> =
        listed["keys"].as_array().expect("keys").iter().filter_map(|k| k["name"].as_str()).collect();
    assert_eq!(names, ["batch-job", "dashboard", "root"]);
    assert!(listed["keys"][0]["last_used_at"].is_string(), "{listed}");
    assert!(listed["keys"].as_array().expect("keys").iter().all(|k| k.get("key").is_none()));

    // Revoked, a key stops working at once; revoking it again finds nothing.
    let revoked = send(&app, Method::DELETE, "/v1/keys/batch-job", Some(&root), None).await;
    assert_eq!(revoked.status, 200, "{}", revoked.text);
    problem(&send(&app, Method::POST, "/v1/articles", Some(&writer), Some(article(4))).await, 401);
    problem(&send(&app, Method::DELETE, "/v1/keys/batch-job", Some(&root), None).await, 404);
    // Its name is free again.
    make_key(&app, &root, "batch-job", "writer").await;
}

#[tokio::test]
async fn reads_need_a_reader_key_when_the_policy_closes_them() {
    let access = AccessPolicy { read: Access::Key, write: Access::Key };
    let app = TestApp::spawn_with(ApiConfig { access, ..ApiConfig::default() }).await;
    use reqwest::Method;
    for path in ["/v1/events", "/v1/articles", "/v1/timeline", "/v1/changes"] {
        problem(&send(&app, Method::GET, path, None, None).await, 401);
    }
    problem(
        &send(
            &app,
            Method::POST,
            "/v1/extract",
            None,
            Some(json!({"text": "Chile imposed sanctions on Peru."})),
        )
        .await,
        401,
    );
    let reader = geoevents_api::keys::make_key(&app.store, "viewer", Role::Reader).await.expect("key").key;
    for path in ["/v1/events", "/v1/articles", "/v1/timeline", "/v1/changes"] {
        assert_eq!(send(&app, Method::GET, path, Some(&reader), None).await.status, 200, "{path}");
    }
    // Operations endpoints stay open for probes and scrapers.
    assert_eq!(send(&app, Method::GET, "/healthz", None, None).await.status, 200);
}

#[tokio::test]
async fn the_keys_command_prints_the_new_key_alone_and_lists_and_revokes() {
    let app = TestApp::spawn_with(ApiConfig::default()).await;
    let url = app.database_url.clone().expect("the test database's URL");
    let geoevents = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_geoevents"))
            .args(args)
            .env("DATABASE_URL", &url)
            .env("RUST_LOG", "off")
            .output()
            .expect("the binary runs");
        (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let (ok, printed) = geoevents(&["keys", "create", "--role", "writer", "--name", "batch-job"]);
    assert!(ok);
    let key = printed.trim_end_matches('\n');
    assert!(!key.contains('\n') && key.starts_with("gek_") && key.len() == 68, "the key alone: {printed:?}");
    let stored = send(&app, reqwest::Method::POST, "/v1/articles", Some(key), Some(article(5))).await;
    assert_eq!(stored.status, 201, "{}", stored.text);
    let (ok, list) = geoevents(&["keys", "list"]);
    assert!(ok && list.contains("batch-job") && list.contains("writer") && !list.contains(key), "{list}");
    assert!(!geoevents(&["keys", "create", "--role", "writer", "--name", "batch-job"]).0, "a name in use");
    assert!(geoevents(&["keys", "revoke", "batch-job"]).0);
    assert!(!geoevents(&["keys", "revoke", "batch-job"]).0, "nothing left to revoke");
    problem(&send(&app, reqwest::Method::POST, "/v1/articles", Some(key), Some(article(6))).await, 401);
}

#[tokio::test]
async fn each_key_and_each_address_has_its_own_rate_limit_and_every_answer_says_where_it_stands() {
    let rate_limits = RateLimits { per_key: 3, anonymous: 2, window: std::time::Duration::from_secs(60) };
    let app = TestApp::spawn_with(ApiConfig { rate_limits, ..ApiConfig::default() }).await;
    use reqwest::Method;
    let header =
        |r: &Exchange, name: &str| r.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);

    let reader = geoevents_api::keys::make_key(&app.store, "viewer", Role::Reader).await.expect("key").key;
    let mut seen = Vec::new();
    for _ in 0..3 {
        let r = send(&app, Method::GET, "/v1/events", None, None).await;
        seen.push((r.status, header(&r, "ratelimit-limit"), header(&r, "ratelimit-remaining")));
        if r.status == 429 {
            let p = problem(&r, 429);
            assert!(p["detail"].as_str().is_some_and(|d| d.contains("127.0.0.1")), "{p}");
            let retry: u64 = header(&r, "retry-after").and_then(|v| v.parse().ok()).expect("Retry-After");
            assert!((1..=60).contains(&retry), "{retry}");
            assert_eq!(header(&r, "ratelimit-reset").and_then(|v| v.parse().ok()), Some(retry));
        }
    }
    let two = Some("2".to_owned());
    assert_eq!(
        seen,
        [
            (200, two.clone(), Some("1".to_owned())),
            (200, two.clone(), Some("0".to_owned())),
            (429, two, Some("0".to_owned()))
        ]
    );
    // A wrong key counts against the address too: a guessing loop meets the limit.
    problem(&send(&app, Method::GET, "/v1/events", Some("gek_not-a-key"), None).await, 429);
    // Probes are not metered.
    let health = send(&app, Method::GET, "/healthz", None, None).await;
    assert_eq!(health.status, 200);
    assert!(header(&health, "ratelimit-limit").is_none());

    // A key has its own window, whatever its address has used.
    let statuses: Vec<u16> = {
        let mut statuses = Vec::new();
        for _ in 0..4 {
            statuses.push(send(&app, Method::GET, "/v1/events", Some(&reader), None).await.status);
        }
        statuses
    };
    assert_eq!(statuses, [200, 200, 200, 429]);
    let last = send(&app, Method::GET, "/v1/events", Some(&reader), None).await;
    let p = problem(&last, 429);
    assert!(p["detail"].as_str().is_some_and(|d| d.contains("'viewer'")), "{p}");
    assert_eq!(header(&last, "ratelimit-limit").as_deref(), Some("3"));
}

#[tokio::test]
async fn browsers_may_call_only_from_listed_origins_and_every_answer_is_hardened() {
    let preflight = |app: &TestApp, origin: &str| {
        app.client
            .request(reqwest::Method::OPTIONS, format!("{}/v1/events", app.base))
            .header("origin", origin)
            .header("access-control-request-method", "GET")
            .header("access-control-request-headers", "authorization")
            .send()
    };
    let allowed = |r: &reqwest::Response| {
        r.headers().get("access-control-allow-origin").and_then(|v| v.to_str().ok()).map(str::to_owned)
    };

    // Off by default: no origin is allowed.
    let closed = TestApp::spawn_with(ApiConfig::default()).await;
    let answer = preflight(&closed, "https://dash.example").await.expect("preflight");
    assert_eq!(allowed(&answer), None);

    let config = ApiConfig { cors_origins: vec!["https://dash.example".to_owned()], ..ApiConfig::default() };
    let app = TestApp::spawn_with(config).await;
    let answer = preflight(&app, "https://dash.example").await.expect("preflight");
    assert_eq!(allowed(&answer).as_deref(), Some("https://dash.example"));
    let methods = answer.headers()["access-control-allow-headers"].to_str().unwrap_or_default().to_owned();
    assert!(methods.contains("authorization"), "{methods}");
    assert_eq!(allowed(&preflight(&app, "https://elsewhere.example").await.expect("preflight")), None);
    let get = app.client.get(format!("{}/v1/events", app.base)).header("origin", "https://dash.example");
    let answer = get.send().await.expect("get");
    assert_eq!(allowed(&answer).as_deref(), Some("https://dash.example"));
    let exposed = answer.headers()["access-control-expose-headers"].to_str().unwrap_or_default().to_owned();
    assert!(exposed.contains("etag") && exposed.contains("ratelimit-remaining"), "{exposed}");

    // Data is never sniffed, referred or framed; the docs page runs only its own scripts.
    for path in ["/v1/events", "/v1/nothing-here", "/docs/"] {
        let answer = exchange(app.client.get(format!("{}{path}", app.base))).await;
        assert_eq!(answer.headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(answer.headers["referrer-policy"], "no-referrer", "{path}");
        let policy = answer.headers["content-security-policy"].to_str().unwrap_or_default().to_owned();
        assert!(policy.contains("frame-ancestors 'none'"), "{path}: {policy}");
        if path == "/docs/" {
            assert!(answer.headers["content-type"].to_str().unwrap_or_default().starts_with("text/html"));
            assert!(policy.contains("script-src 'self'") && !policy.contains("'unsafe-eval'"), "{policy}");
        } else {
            assert!(policy.starts_with("default-src 'none'"), "{path}: {policy}");
        }
    }
}

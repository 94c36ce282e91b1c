-- API keys. A key is shown once, when it is made; only its SHA-256 is kept. Names are
-- unique among keys in use, so a revoked key's name can be given to a new one.
create table api_keys (
    id uuid primary key,
    name text not null check (length(name) between 1 and 64),
    role text not null check (role in ('reader', 'writer', 'admin')),
    key_hash bytea not null unique,
    -- The first characters of the key, to tell keys apart in lists.
    prefix text not null,
    created_at timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at timestamptz
);

create unique index api_keys_name_in_use_idx on api_keys (name) where revoked_at is null;

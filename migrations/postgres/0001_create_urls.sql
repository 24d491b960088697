-- The links themselves, as migrations/0001_create_urls.sql has them for SQLite. `code` is either a generated code
-- or a user's alias; both are case-sensitive, and the "C" collation compares them byte for byte, which is also the
-- cheapest comparison for the unique index every redirect looks up.
CREATE TABLE urls (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       text COLLATE "C" NOT NULL UNIQUE,
    url        text        NOT NULL,
    created_at timestamptz NOT NULL,
    clicks     bigint      NOT NULL DEFAULT 0
);

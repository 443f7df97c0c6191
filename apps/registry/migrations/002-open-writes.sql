-- Writes the gateway lets through without a token: NULL (none), 'true' (all), or a JSON array of
-- "METHOD /exact/path" entries, as the service declared when it registered.
ALTER TABLE instances ADD COLUMN open_writes TEXT;

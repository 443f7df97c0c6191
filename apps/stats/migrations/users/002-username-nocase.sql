-- One rule for usernames on the whole platform (the accounts service has it too): "Bob" cannot
-- be registered beside "bob", names that differ only in letter case are one name. Lookups stay exact.
CREATE UNIQUE INDEX users_username_nocase ON users (username COLLATE NOCASE);

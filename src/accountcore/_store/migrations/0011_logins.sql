-- Team books: the database role each manager logs in as. On PostgreSQL the acting
-- manager is the one mapped to the connection's role (session_user); an SQLite book
-- keeps the table empty, so that a book copies either way.
CREATE TABLE logins (
    login TEXT PRIMARY KEY,
    manager TEXT NOT NULL UNIQUE REFERENCES managers (id)
);

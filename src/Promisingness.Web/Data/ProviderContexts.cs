using Microsoft.EntityFrameworkCore;

namespace Promisingness.Web.Data;

/// <summary>
/// The model on SQLite, with the migrations in Data/Migrations/Sqlite (FTS5 search among them). EF gives a context
/// the migrations of its own type and of its base types, so the two providers are siblings, not parent and child.
/// </summary>
public sealed class SqliteWikiDbContext(DbContextOptions<SqliteWikiDbContext> options) : WikiDbContext(options);

/// <summary>
/// The model on PostgreSQL, with the migrations in Data/Migrations/Postgres (tsvector search among them).
/// `dotnet ef` reaches it through the app's own services, so it needs Database__Provider=Postgres.
/// </summary>
public sealed class PostgresWikiDbContext(DbContextOptions<PostgresWikiDbContext> options) : WikiDbContext(options);

using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Promisingness.Web.Data;

/// <summary>
/// A write that lost a race with another writer of the same entry. On SQLite writers queue, so the loser's
/// UPDATE ... WHERE RevisionNumber = base matches no row (a concurrency exception). On PostgreSQL the loser
/// may instead reach the winner's new revision row first and fail the unique index on (entry, number):
/// the same race, reported as a unique violation, and answered the same way.
/// </summary>
internal static class LostRace
{
    public static bool Is(DbUpdateException e) =>
        e is DbUpdateConcurrencyException || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}

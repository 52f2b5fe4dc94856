namespace Promisingness.Web.Data.Migrations;

/// <summary>
/// The three roles every account needs, written by a migration so that a verb run on a database that was never
/// served (users add before the first start) finds them. Databases whose first start already made them keep theirs.
/// The statement reads the same on SQLite and PostgreSQL.
/// </summary>
internal static class InitialRoles
{
    public const string Insert = """
        INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp")
        SELECT r.id, r.name, r.normalized, r.id
        FROM (SELECT '5b0f7c1e-3f35-4c51-9a8e-0d6f0c1a0001' AS id, 'Admin' AS name, 'ADMIN' AS normalized
              UNION ALL SELECT '5b0f7c1e-3f35-4c51-9a8e-0d6f0c1a0002', 'Mentor', 'MENTOR'
              UNION ALL SELECT '5b0f7c1e-3f35-4c51-9a8e-0d6f0c1a0003', 'Researcher', 'RESEARCHER') AS r
        WHERE NOT EXISTS (SELECT 1 FROM "AspNetRoles" existing WHERE existing."NormalizedName" = r.normalized);
        """;
}

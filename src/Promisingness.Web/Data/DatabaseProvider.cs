using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Promisingness.Web.Data;

/// <summary>Which database the wiki runs on: `Database:Provider` = Sqlite (the default) or Postgres.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The provider this process runs on, as a service.</summary>
public sealed record DatabaseChoice(DatabaseProvider Provider);

public static class DatabaseProviders
{
    public const string SettingName = "Database:Provider";

    public static DatabaseProvider From(IConfiguration configuration)
    {
        var value = configuration[SettingName];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }
        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"{SettingName} is '{value}'; it must be Sqlite or Postgres.");
    }

    /// <summary>True on PostgreSQL: for the few places that speak the database's own SQL (search, import).</summary>
    public static bool IsPostgres(this DatabaseFacade database) => database.IsNpgsql();
}

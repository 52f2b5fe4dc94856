using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;

namespace Promisingness.Tests.Data;

/// <summary>
/// The wiki's SQLite connections come without EF Core's decimal and regexp functions (PlainSqliteConnections),
/// which cost a tenth of an uncached page. That is only safe while nothing the wiki stores needs them.
/// </summary>
public sealed class PlainSqliteConnectionsTests
{
    [Fact]
    public async Task Connections_CarryNoneOfEfsHelperFunctions()
    {
        using var app = new WikiApp(seed: false);
        await using var db = app.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT ef_add(1, 2)";
        var refused = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteScalarAsync());
        Assert.Contains("no such function", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheModel_StoresNoDecimal_SoNoQueryNeedsThem()
    {
        using var app = new WikiApp(seed: false);
        using var db = app.CreateDbContext();
        var decimals = db.Model.GetEntityTypes()
            .SelectMany(type => type.GetProperties().Select(property => (type, property)))
            .Where(p => Nullable.GetUnderlyingType(p.property.ClrType) == typeof(decimal) || p.property.ClrType == typeof(decimal))
            .Select(p => $"{p.type.ClrType.Name}.{p.property.Name}")
            .ToList();
        Assert.Empty(decimals);
    }
}

using Npgsql;
using Promisingness.Web.Data;

namespace Promisingness.Tests.Data;

/// <summary>
/// On PostgreSQL the wiki asks Npgsql to prepare repeated statements and not to reset pooled connections, unless the
/// connection string says otherwise (a pooler may need Max Auto Prepare=0).
/// </summary>
public sealed class PostgresConnectionsTests
{
    [Fact]
    public void Unsaid_PreparesRepeatedStatements_SkipsTheReset_AndKeepsTheRest()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnections.WithWikiDefaults("Host=db;Username=wiki;Password=secret;Database=wiki"));
        Assert.Equal(64, tuned.MaxAutoPrepare);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(("db", "wiki", "secret", "wiki"), (tuned.Host, tuned.Username, tuned.Password, tuned.Database));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=10", 10)]
    [InlineData("Host=db;max auto prepare=5", 5)]
    public void SaidMaxAutoPrepare_IsKept(string connectionString, int expected)
    {
        var kept = PostgresConnections.WithWikiDefaults(connectionString);
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(kept).MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false")]
    [InlineData("Host=db;noresetonclose=False")]
    public void SaidNoResetOnClose_IsKept(string connectionString) =>
        Assert.False(new NpgsqlConnectionStringBuilder(PostgresConnections.WithWikiDefaults(connectionString)).NoResetOnClose);
}

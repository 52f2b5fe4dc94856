using Npgsql;
using Promisingness.Web.Data;

namespace Promisingness.Tests.Data;

/// <summary>On PostgreSQL the wiki asks Npgsql to prepare repeated statements, unless the connection string says otherwise (a pooler may need 0).</summary>
public sealed class PostgresConnectionsTests
{
    [Fact]
    public void Unsaid_PreparesRepeatedStatements_AndKeepsTheRest()
    {
        var prepared = new NpgsqlConnectionStringBuilder(PostgresConnections.WithPreparedStatements("Host=db;Username=wiki;Password=secret;Database=wiki"));
        Assert.Equal(64, prepared.MaxAutoPrepare);
        Assert.Equal(("db", "wiki", "secret", "wiki"), (prepared.Host, prepared.Username, prepared.Password, prepared.Database));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=10", 10)]
    [InlineData("Host=db;max auto prepare=5", 5)]
    public void Said_IsKept(string connectionString, int expected)
    {
        var kept = PostgresConnections.WithPreparedStatements(connectionString);
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(kept).MaxAutoPrepare);
    }
}

using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Promisingness.Web.Data;

internal static class DatabaseServices
{
    /// <summary>
    /// EF would compare the model with the migrations' snapshot at every start, a costly part of it; CI checks
    /// the same with `dotnet ef migrations has-pending-model-changes` for both providers, so a build never ships
    /// without its migration, and a start need not check it again.
    /// </summary>
    private static void PendingModelChangesAreCheckedInCi(WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(RelationalEventId.PendingModelChangesWarning);

    /// <summary>The provider's contexts behind WikiDbContext, and the data protection keys kept in the database.</summary>
    public static void AddWikiDatabase(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var connectionString = builder.Configuration.GetConnectionString("Wiki")
            ?? throw new InvalidOperationException("The connection string 'Wiki' is missing (ConnectionStrings__Wiki).");
        var provider = DatabaseProviders.From(builder.Configuration);
        services.AddSingleton(new DatabaseChoice(provider));
        // Each provider's own context type carries its migrations; everything else asks for WikiDbContext.
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddPooledDbContextFactory<PostgresWikiDbContext>(options => options.UseNpgsql(PostgresConnections.WithWikiDefaults(connectionString))
                .ConfigureWarnings(PendingModelChangesAreCheckedInCi));
            services.AddWikiContext<PostgresWikiDbContext>();
        }
        else
        {
            // A singleton the container made, so that it closes the kept read connections at shutdown.
            services.AddSingleton(_ => new PreparedSqliteReads());
            services.AddPooledDbContextFactory<SqliteWikiDbContext>((provider, options) => options
                .UseSqlite(connectionString)
                .AddInterceptors(new PlainSqliteConnections(), new SqlitePragmas(), new SqliteWriteGate(), provider.GetRequiredService<PreparedSqliteReads>())
                .ConfigureWarnings(PendingModelChangesAreCheckedInCi));
            services.AddWikiContext<SqliteWikiDbContext>();
        }
        services.AddDatabaseDeveloperPageExceptionFilter();
        // Keys in the database: cookies and antiforgery tokens survive a restart and work on every instance.
        services.AddDataProtection().SetApplicationName("Promisingness.Wiki").PersistKeysToDbContext<WikiDbContext>();
        // It warns at every first start that the keys are stored unencrypted: they are the database's, which a backup
        // carries whole, and encrypting them would need a secret kept somewhere else.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
    }
}

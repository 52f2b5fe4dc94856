using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using Promisingness.Web.Caching;
using Promisingness.Web.Components.Account;
using Promisingness.Web.Components.Pages;
using Promisingness.Web.Components.Public;
using Promisingness.Web.Data;
using Promisingness.Web.Diagnostics;
using Promisingness.Web.Features.Accounts;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Backup;
using Promisingness.Web.Features.Credences;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Editing;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Home;
using Promisingness.Web.Features.ImportExport;
using Promisingness.Web.Features.Inbox;
using Promisingness.Web.Features.Meetings;
using Promisingness.Web.Features.Notifications;
using Promisingness.Web.Features.Pages;
using Promisingness.Web.Features.Publishing;
using Promisingness.Web.Features.Questions;
using Promisingness.Web.Features.Recent;
using Promisingness.Web.Features.Rendering;
using Promisingness.Web.Features.Review;
using Promisingness.Web.Features.Search;
using Promisingness.Web.Features.Summaries;
using Promisingness.Web.Features.Tags;
using Promisingness.Web.Features.Team;
using Promisingness.Web.Features.Topics;
using Promisingness.Web.Markdown;
using Promisingness.Web.Scaling;
using Promisingness.Web.Security;

namespace Promisingness.Web.Setup;

internal static class WikiServices
{
    /// <summary>Every service the wiki registers, in one list.</summary>
    public static void AddWikiServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents()
            .AddInteractiveServerComponents()
            .AddHubOptions(options => options.MaximumReceiveMessageSize = RequestLimits.MaxCircuitMessageBytes);
        services.AddMudServices();
        services.AddSingleton(TimeProvider.System);
        // First among the hosted services: connected to Redis (when configured) before anything is served.
        services.AddSingleton<OtherInstances>();
        services.AddHostedService(provider => provider.GetRequiredService<OtherInstances>());
        services.AddForwardedHeadersFromProxies(builder.Configuration);

        var connectionString = builder.Configuration.GetConnectionString("Wiki")
            ?? throw new InvalidOperationException("The connection string 'Wiki' is missing (ConnectionStrings__Wiki).");
        var provider = DatabaseProviders.From(builder.Configuration);
        services.AddSingleton(new DatabaseChoice(provider));
        // Each provider's own context type carries its migrations; everything else asks for WikiDbContext.
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddPooledDbContextFactory<PostgresWikiDbContext>(options => options.UseNpgsql(PostgresConnections.WithWikiDefaults(connectionString)));
            services.AddWikiContext<PostgresWikiDbContext>();
        }
        else
        {
            services.AddPooledDbContextFactory<SqliteWikiDbContext>(options => options
                .UseSqlite(connectionString)
                .AddInterceptors(new PlainSqliteConnections(), new SqlitePragmas(), new SqliteWriteGate()));
            services.AddWikiContext<SqliteWikiDbContext>();
        }
        services.AddDatabaseDeveloperPageExceptionFilter();
        // Keys in the database: cookies and antiforgery tokens survive a restart and work on every instance.
        services.AddDataProtection().SetApplicationName("Promisingness.Wiki").PersistKeysToDbContext<WikiDbContext>();
        // It warns at every first start that the keys are stored unencrypted: they are the database's, which a backup
        // carries whole, and encrypting them would need a secret kept somewhere else.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<RedisHealthCheck>("redis");

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                // Accounts come by invitation, so there is no e-mail to confirm.
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                // Length over character classes: long passphrases are the strong ones.
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WikiDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<WikiClaims>()
            .AddDefaultTokenProviders();
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 210_000);
        // A locked or demoted account loses its cookie within a minute (its security stamp changes).
        var revalidation = TimeSpan.FromSeconds(builder.Configuration.GetValue("Security:RevalidationSeconds", 60));
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = revalidation);
        services.AddSignInRateLimit(builder.Configuration);
        services.AddSingleton<WriteRateLimit>();
        services.AddExceptionHandler<LoggedFailure>();
        builder.WebHost.ConfigureKestrel(options => options.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Limits:MaxRequestBodyBytes", RequestLimits.MaxRequestBodyBytes));
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddAuthorizationBuilder().AddWikiPolicies();
        services.AddSingleton<IAuthorizationHandler, EntryAuthorizationHandler>();
        services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();

        // Caching:Disabled is the benchmark's cache-miss arm (bench/): every anonymous page renders afresh.
        var cacheDisabled = builder.Configuration.GetValue<bool>("Caching:Disabled");
        services.AddOutputCache(options => options.AddPolicy(PublicPageCache.PolicyName, policy =>
        {
            if (cacheDisabled)
            {
                policy.NoCache();
            }
            else
            {
                // No request coalescing: a request waiting on another one in flight would be served that response,
                // which may have been rendered from the text before a save that has since returned.
                policy.Tag(PublicPageCache.Tag).Expire(TimeSpan.FromMinutes(10)).SetLocking(false).AddPolicy<GenerationPolicy>().AddPolicy<EnhancedNavigationHeader>();
            }
        }));
        services.AddHttpContextAccessor();
        var defaultStore = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Replace(ServiceDescriptor.Singleton<IOutputCacheStore>(provider => new GenerationCheckedStore(
            (IOutputCacheStore)(defaultStore.ImplementationFactory?.Invoke(provider) ?? defaultStore.ImplementationInstance
                ?? ActivatorUtilities.CreateInstance(provider, defaultStore.ImplementationType!)),
            provider.GetRequiredService<IHttpContextAccessor>())));
        services.AddSingleton<PublicPageCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, AnonymousPageSelector>());
        services.AddHostedService<ContentChangeWatcher>();
        services.AddSingleton<StoredHtmlRefresh>();
        services.AddHostedService(provider => provider.GetRequiredService<StoredHtmlRefresh>());
        if (builder.Configuration.GetValue("Diagnostics:MemoryProbeSeconds", 0) > 0)
        {
            services.AddHostedService<MemoryProbe>();
        }

        services.AddSingleton<WikiUsers>();
        services.AddSingleton<Audit>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<Invitations>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<TeamDirectory>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<RevisionRecorder>();
        services.AddSingleton<SaveTurns>();
        services.AddSingleton<EntryEditor>();
        services.AddSingleton<EntryDrafts>();
        services.AddSavePipeline();
        services.AddSingleton<EditingPresence>();
        services.AddSingleton<EntryHistory>();
        services.AddSingleton<SideListQueries>();
        services.AddSingleton<TagQueries>();
        services.AddSingleton<ReadmeImporter>();
        services.AddSingleton<ReadmeExporter>();
        services.AddSingleton<FirstRun>();
        services.AddSingleton<HomeQueries>();
        services.AddSingleton<DeskQueries>();
        services.AddSingleton<TopicQueries>();
        services.AddSingleton<QuestionQueries>();
        services.AddSingleton<TeamQueries>();
        services.AddSingleton<PageQueries>();
        services.AddSingleton<MeetingQueries>();
        services.AddSingleton<ActionItemUpdates>();
        services.AddSingleton<Discussions>();
        services.AddSingleton<DiscussionEvents>();
        services.AddSingleton<Notifier>();
        services.AddSingleton<InboxEvents>();
        services.AddSingleton<Watchers>();
        services.AddSingleton<InboxQueries>();
        services.AddSingleton<RecentChanges>();
        services.AddSingleton<CredenceBook>();
        services.AddSingleton<JsonArchive>();
        services.AddSingleton<SiteExporter>();
        services.AddSingleton<PublishJobs>();
        services.AddHttpClient();
        services.AddSingleton<DatabaseBackup>();
        services.AddSingleton<SummaryPrefill>();
        services.AddSingleton<SummaryQueries>();
        services.AddSingleton<ReviewWorkflow>();
        services.AddSingleton<ReviewQueue>();
        services.AddSingleton<SearchService>();
    }
}

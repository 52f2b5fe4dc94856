using MudBlazor.Services;
using Promisingness.Web.Caching;
using Promisingness.Web.Components;
using Promisingness.Web.Components.Account;
using Promisingness.Web.Data;
using Promisingness.Web.Diagnostics;
using Promisingness.Web.Features.Accounts;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Api;
using Promisingness.Web.Features.Attachments;
using Promisingness.Web.Features.Backup;
using Promisingness.Web.Features.Credences;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Editing;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Features.Home;
using Promisingness.Web.Features.ImportExport;
using Promisingness.Web.Features.Inbox;
using Promisingness.Web.Features.Mail;
using Promisingness.Web.Features.Mcp;
using Promisingness.Web.Features.Meetings;
using Promisingness.Web.Features.Notifications;
using Promisingness.Web.Features.Pages;
using Promisingness.Web.Features.Publishing;
using Promisingness.Web.Features.Questions;
using Promisingness.Web.Features.Recent;
using Promisingness.Web.Features.Rendering;
using Promisingness.Web.Features.Search;
using Promisingness.Web.Features.Suggestions;
using Promisingness.Web.Features.Summaries;
using Promisingness.Web.Features.Summaries.Review;
using Promisingness.Web.Features.Tags;
using Promisingness.Web.Features.Team;
using Promisingness.Web.Features.Topics;
using Promisingness.Web.Markdown;
using Promisingness.Web.Scaling;
using Promisingness.Web.Security;

namespace Promisingness.Web.Setup;

internal static class WikiServices
{
    /// <summary>
    /// Every service the wiki registers: the host's, the database, accounts, the page cache, then each feature's.
    /// Hosted services start in the order they are registered here.
    /// </summary>
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

        builder.AddWikiDatabase();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<RedisHealthCheck>("redis");
        builder.AddWikiIdentity();
        services.AddExceptionHandler<LoggedFailure>();
        builder.WebHost.ConfigureKestrel(options => options.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Limits:MaxRequestBodyBytes", RequestLimits.MaxRequestBodyBytes));
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        builder.AddPublicPageCache();
        services.AddPublicPages();

        services
            .AddWikiEntries()
            .AddWikiRendering()
            .AddSaveSteps()
            .AddWikiNotifications()
            .AddWikiMarkdown()
            .AddWikiMail()
            .AddWikiAccounts()
            .AddWikiAdmin()
            .AddWikiTeam()
            .AddWikiEditing()
            .AddWikiAttachments()
            .AddWikiTags()
            .AddWikiImportExport()
            .AddWikiHome()
            .AddWikiTopics()
            .AddWikiQuestions()
            .AddWikiPages()
            .AddWikiMeetings()
            .AddWikiDiscussion()
            .AddWikiSuggestions()
            .AddWikiInbox()
            .AddWikiRecent()
            .AddWikiCredences()
            .AddWikiPublishing()
            .AddWikiBackup()
            .AddWikiSummaries()
            .AddWikiReview()
            .AddWikiSearch()
            .AddWikiApi()
            .AddWikiMcp();
        services.AddSingleton<FirstRun>();
        if (builder.Configuration.GetValue("Diagnostics:MemoryProbeSeconds", 0) > 0)
        {
            services.AddHostedService<MemoryProbe>();
        }
    }
}

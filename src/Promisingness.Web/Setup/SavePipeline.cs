using Promisingness.Web.Caching;
using Promisingness.Web.Features.Editing;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Entries.Saving.Steps;
using Promisingness.Web.Features.Meetings;
using Promisingness.Web.Features.Notifications;
using Promisingness.Web.Features.Pages;
using Promisingness.Web.Features.Questions;
using Promisingness.Web.Features.Summaries;
using Promisingness.Web.Features.Topics;

namespace Promisingness.Web.Setup;

/// <summary>The kinds of entry the editor writes, and the steps that follow every saved revision, in their order.</summary>
internal static class SavePipeline
{
    public static IServiceCollection AddSavePipeline(this IServiceCollection services)
    {
        services.AddSingleton<EditableKinds>();
        services.AddEntryKind<PageFields>();
        services.AddEntryKind<TopicFields>();
        services.AddEntryKind<QuestionFields>();
        services.AddEntryKind<MeetingFields>();
        services.AddEntryKind<SummaryFields>();

        // In this order, in the save's transaction and then after its commit.
        services.AddSaveStep<LinksFollowTheAddress>();
        services.AddSaveStep<DraftBecomesTheRevision>();
        services.AddSaveStep<WatchersHearOfTheSave>();
        // Reads what the steps above changed, so it comes after them; it gives the writer's turn back.
        services.AddSaveStep<CachedPagesOfTheSave>();
        services.AddSaveStep<EditorsHearOfTheSave>();
        return services;
    }
}

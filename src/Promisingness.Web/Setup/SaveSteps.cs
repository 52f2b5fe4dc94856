using Promisingness.Web.Caching;
using Promisingness.Web.Features.Editing;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Entries.Saving.Steps;
using Promisingness.Web.Features.Notifications;
using Promisingness.Web.Features.Summaries.Review;

namespace Promisingness.Web.Setup;

/// <summary>The steps that follow every revision saved through EntryEditor, in their order (each kind registers its own fields beside its code).</summary>
internal static class SaveSteps
{
    public static IServiceCollection AddSaveSteps(this IServiceCollection services)
    {
        // In this order, in the save's transaction and then after its commit.
        services.AddSaveStep<LinksFollowTheAddress>();
        services.AddSaveStep<DraftBecomesTheRevision>();
        services.AddSaveStep<WatchersHearOfTheSave>();
        services.AddSaveStep<OwnersHearOfTheirActionItems>();
        services.AddSaveStep<ApproverHearsOfTheEdit>();
        // Reads what the steps above changed, so it comes after them; it gives the writer's turn back.
        services.AddSaveStep<CachedPagesOfTheSave>();
        services.AddSaveStep<EditorsHearOfTheSave>();
        return services;
    }
}

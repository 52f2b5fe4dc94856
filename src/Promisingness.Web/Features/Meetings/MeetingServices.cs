using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Features.Meetings;

internal static class MeetingServices
{
    public static IServiceCollection AddWikiMeetings(this IServiceCollection services) => services
        .AddEntryKind<MeetingFields>()
        .AddSingleton<MeetingQueries>()
        .AddSingleton<ActionItemUpdates>();
}

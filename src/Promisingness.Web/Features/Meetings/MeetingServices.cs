namespace Promisingness.Web.Features.Meetings;

internal static class MeetingServices
{
    public static IServiceCollection AddWikiMeetings(this IServiceCollection services) => services
        .AddSingleton<MeetingQueries>()
        .AddSingleton<ActionItemUpdates>();
}

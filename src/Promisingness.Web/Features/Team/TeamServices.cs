namespace Promisingness.Web.Features.Team;

internal static class TeamServices
{
    public static IServiceCollection AddWikiTeam(this IServiceCollection services) => services
        .AddSingleton<TeamQueries>();
}

namespace Promisingness.Web.Features.Questions;

internal static class QuestionServices
{
    public static IServiceCollection AddWikiQuestions(this IServiceCollection services) => services
        .AddSingleton<QuestionQueries>();
}

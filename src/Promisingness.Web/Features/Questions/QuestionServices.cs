using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Features.Questions;

internal static class QuestionServices
{
    public static IServiceCollection AddWikiQuestions(this IServiceCollection services) => services
        .AddEntryKind<QuestionFields>()
        .AddSingleton<QuestionQueries>();
}

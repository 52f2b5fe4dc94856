using Promisingness.Web.CommandLine;

namespace Promisingness.Tests.Infrastructure;

/// <summary>Runs a verb through the same entry the executable uses, against the real app's services.</summary>
public static class Verbs
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(WikiApp app, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await WikiCommandLine.RunAsync(app.Services, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}

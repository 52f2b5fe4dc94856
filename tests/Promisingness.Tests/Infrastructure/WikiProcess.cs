using System.Diagnostics;

namespace Promisingness.Tests.Infrastructure;

/// <summary>
/// The wiki's own executable run as a separate process, the way an operator runs a verb: needed where
/// the verb must not share a process with a running server (restore), or where the process must die.
/// </summary>
public static class WikiProcess
{
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "Promisingness.Web.dll");

    public static ProcessStartInfo StartInfo(string databasePath, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(databasePath)!,
        };
        info.ArgumentList.Add(Executable);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["ConnectionStrings__Wiki"] = $"DataSource={databasePath}";
        info.Environment["DOTNET_NOLOGO"] = "1";
        return info;
    }

    public static async Task<(int Exit, string Output, string Error)> RunAsync(string databasePath, params string[] args)
    {
        using var process = Process.Start(StartInfo(databasePath, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}

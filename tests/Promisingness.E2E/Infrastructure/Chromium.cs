using Microsoft.Playwright;

namespace Promisingness.E2E.Infrastructure;

/// <summary>Finds the system's Chromium: CHROMIUM_PATH, else the usual Debian locations.</summary>
public static class Chromium
{
    public const string InstallHint = "Chromium not found: install it (apt-get install -y chromium) or set CHROMIUM_PATH.";

    public static string? Path { get; } = Find();

    public static bool RunningUnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        // What a test expects to see, it waits for as a person would on CI's two busy cores: a page that takes a few
        // seconds to arrive there is slow, not wrong (Playwright's default is 5 s).
        Assertions.SetDefaultExpectTimeout(15_000);
        return LaunchBrowserAsync(playwright);
    }

    private static Task<IBrowser> LaunchBrowserAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Path,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }
        string[] candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
        return candidates.FirstOrDefault(File.Exists);
    }
}

/// <summary>
/// A test that drives a real browser. Without Chromium it reports itself skipped with the install hint,
/// except under CI, where a missing browser must fail the run rather than pass it silently.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.Path is null && !Chromium.RunningUnderCi)
        {
            Skip = Chromium.InstallHint;
        }
    }
}

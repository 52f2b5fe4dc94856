using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Bench;

internal static partial class Tools
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string file, IEnumerable<string> arguments, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(30));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in time");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static string F(double value, int decimals = 2) => double.IsNaN(value) ? "–" : value.ToString("N" + decimals, CultureInfo.InvariantCulture);

    /// <summary>A process's user and system CPU time so far, from /proc (clock ticks are 1/100 s on Linux).</summary>
    public static double CpuSeconds(int pid)
    {
        // The command name, in parentheses, may hold spaces: the fields counted are those after it.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>A process's resident set from /proc (kB as the kernel reports it, returned in bytes).</summary>
    public static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(DigitsRegex().Match(line).Value, CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>wrk with the given connections for a number of seconds; latencies in milliseconds.</summary>
    public static async Task<LoadResult> WrkAsync(string url, int connections, int seconds)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "wrk-report.lua");
        var (exit, output, error) = await RunAsync("wrk", ["-t2", $"-c{connections}", $"-d{seconds}s", "--timeout", "10s", "-s", script, url]);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("BENCH ", StringComparison.Ordinal));
        if (exit != 0 || line is null)
        {
            throw new InvalidOperationException($"wrk failed ({exit}): {output} {error}");
        }
        var fields = line[6..].Split(' ').Select(f => f.Split('=')).ToDictionary(f => f[0], f => double.Parse(f[1], CultureInfo.InvariantCulture));
        return new LoadResult(fields["requests"] / (fields["duration_us"] / 1e6), fields["p50_us"] / 1000, fields["p95_us"] / 1000, fields["p99_us"] / 1000,
            (long)fields["requests"], (long)(fields["errors"] + fields["non2xx"]));
    }

    /// <summary>hey at a fixed rate (connections × qps per connection) for a number of seconds; every response's latency from its CSV.</summary>
    public static async Task<LoadResult> HeyAsync(string url, int connections, int qpsPerConnection, int seconds, CancellationToken cancellationToken = default)
    {
        var (exit, output, error) = await RunAsync("hey", ["-z", $"{seconds}s", "-c", $"{connections}", "-q", $"{qpsPerConnection}", "-o", "csv", url]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"hey failed ({exit}): {error}");
        }
        var latencies = new List<double>();
        long failures = 0;
        foreach (var row in output.Split('\n').Skip(1).Where(r => r.Length > 0))
        {
            var cells = row.Split(',');
            latencies.Add(double.Parse(cells[0], CultureInfo.InvariantCulture) * 1000);
            if (cells[6] != "200")
            {
                failures++;
            }
        }
        return new LoadResult(latencies.Count / (double)seconds, Percentile(latencies, .5), Percentile(latencies, .95), Percentile(latencies, .99), latencies.Count, failures);
    }

    public static string Machine()
    {
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal));
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"- nproc: {Environment.ProcessorCount} ({cpu})");
        text.AppendLine(CultureInfo.InvariantCulture, $"- memory: {long.Parse(DigitsRegex().Match(memory).Value, CultureInfo.InvariantCulture) / 1024:N0} MB");
        text.AppendLine(CultureInfo.InvariantCulture, $"- .NET: runtime {Environment.Version}, SDK {DotnetSdk()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- OS: {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        return text.ToString();
    }

    private static string DotnetSdk()
    {
        try
        {
            return RunAsync("dotnet", ["--version"]).GetAwaiter().GetResult().Out.Trim();
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitsRegex();
}

/// <summary>A load run's throughput (requests/s) and latency percentiles in milliseconds.</summary>
internal sealed record LoadResult(double RequestsPerSecond, double P50, double P95, double P99, long Requests, long Failures);

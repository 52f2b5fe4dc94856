namespace Promisingness.Web.Diagnostics;

/// <summary>
/// Off unless Diagnostics:MemoryProbeSeconds is set (the benchmark of memory per circuit sets it). Every
/// interval it forces a full, compacting collection and writes one line to standard output with the managed
/// heap left alive and the working set, so that an outside process can read memory after a forced GC
/// without an endpoint that anyone could call.
/// </summary>
internal sealed class MemoryProbe(IConfiguration configuration) : BackgroundService
{
    public const string Prefix = "memory-probe";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(configuration.GetValue("Diagnostics:MemoryProbeSeconds", 2)));
        for (var sample = 0L; await timer.WaitForNextTickAsync(stoppingToken); sample++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            // Console, not the logger: the line must reach stdout whatever the log levels are.
            Console.WriteLine($"{Prefix} sample={sample} gc-heap-bytes={heap} working-set-bytes={Environment.WorkingSet}");
        }
    }
}

"""Splits perf samples (perf script -F ip,sym,dso) of a wiki process by pipeline stage and by kind of code.

Stage: the innermost frame of the stack that names a stage (a component of the wiki, EF, the renderer, a middleware,
Kestrel); samples with none are "outside a request": GC threads, the thread pool's waits, epoll, the scheduler.
Kind: the frame the sample stopped in (its leaf): which library or runtime part did the work.
Usage: breakdown.py SCRIPT CPU_MICROSECONDS_PER_REQUEST
"""
import collections
import re
import sys

STAGES = [
    ("Promisingness.Web.Components.", "wiki components (pages, layout: their own code)"),
    ("Promisingness.Web.Features.", "wiki components (pages, layout: their own code)"),
    ("Microsoft.EntityFrameworkCore", "database reads (EF, Microsoft.Data.Sqlite, SQLite)"),
    ("Microsoft.Data.Sqlite", "database reads (EF, Microsoft.Data.Sqlite, SQLite)"),
    ("RazorComponentResultExecutor", "rendering (Blazor's static renderer, HTML writing)"),
    ("EndpointHtmlRenderer", "rendering (Blazor's static renderer, HTML writing)"),
    ("AntiforgeryMiddleware", "middleware: antiforgery"),
    ("OutputCacheMiddleware", "middleware: output cache"),
    ("AuthorizationMiddleware", "middleware: authorization"),
    ("RateLimitingMiddleware", "middleware: rate limiting"),
    ("EndpointRoutingMiddleware", "middleware: routing"),
    ("AuthenticationMiddleware", "middleware: authentication"),
    ("StatusCodePagesMiddleware", "middleware: status code pages"),
    ("ExceptionHandlerMiddleware", "middleware: exception handler"),
    ("Promisingness.Web.Security", "middleware: the wiki's (forwarded headers, security headers, origin)"),
    ("Promisingness.Web.Setup", "middleware: the wiki's (forwarded headers, security headers, origin)"),
    ("HostingApplication", "hosting (request start and end, logging scope)"),
    ("HttpProtocol", "Kestrel (HTTP/1.1 parsing, response writing, sockets)"),
    ("SocketConnection", "Kestrel (HTTP/1.1 parsing, response writing, sockets)"),
    ("Kestrel", "Kestrel (HTTP/1.1 parsing, response writing, sockets)"),
]


def load(path):
    samples, current = [], []
    for line in open(path, errors="replace"):
        if line.strip():
            current.append(line.strip())
        elif current:
            samples.append(current)
            current = []
    if current:
        samples.append(current)
    return samples


def dso(frame):
    match = re.search(r"\(([^)]*)\)\s*$", frame)
    return match.group(1) if match else ""


def stage(stack):
    for frame in stack:
        for key, name in STAGES:
            if key in frame:
                return name
    if "sqlite" in dso(stack[0]):
        return STAGES[2][1]
    return "outside a request (GC threads, thread pool waits, epoll, scheduler)"


def kind(frame):
    library = dso(frame)
    if "kernel" in library:
        return "kernel (network, scheduling, file locks)"
    if "sqlite" in library:
        return "SQLite (native)"
    if "libcoreclr" in library or "libclrjit" in library:
        return "runtime (GC, allocation, casts, JIT)"
    if "libc" in library or "ld-linux" in library or "vdso" in library:
        return "libc (memcpy, malloc, locks)"
    match = re.search(r"\[([\w.]+)\] ", frame)
    if not match:
        return "runtime stubs" if "perf-" in library else "other"
    assembly = match.group(1)
    if assembly == "Promisingness.Web":
        return "the wiki's code"
    if "EntityFrameworkCore" in assembly or "Data.Sqlite" in assembly or "SQLitePCL" in assembly:
        return "EF Core, Microsoft.Data.Sqlite"
    if "Components" in assembly:
        return "Blazor"
    if any(k in assembly for k in ("Kestrel", "Sockets", "System.Net", "Pipelines")):
        return "Kestrel, sockets, pipelines"
    if assembly.startswith(("Microsoft.AspNetCore", "Microsoft.Extensions")):
        return "ASP.NET Core (middleware, DI, logging)"
    return "BCL (strings, collections, async)"


def main():
    samples = load(sys.argv[1])
    cpu = float(sys.argv[2])
    total = len(samples)
    for title, classify in (("by stage (innermost)", stage), ("by kind of code (leaf)", lambda s: kind(s[0]))):
        print(f"  {title}: {total} samples")
        for name, count in collections.Counter(classify(s) for s in samples).most_common():
            print(f"    {100 * count / total:5.1f}%  {cpu * count / total:5.0f} µs  {name}")


if __name__ == "__main__":
    main()

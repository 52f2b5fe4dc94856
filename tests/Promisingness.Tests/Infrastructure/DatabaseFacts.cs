using Xunit.Abstractions;
using Xunit.Sdk;

namespace Promisingness.Tests.Infrastructure;

/// <summary>Marks a test class whose tests run on PostgreSQL: they are skipped, loudly, when TestPostgres.SkipReason says so.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OnPostgresAttribute : Attribute;

/// <summary>A [Fact] of a class that also runs on PostgreSQL (a subclass marked [OnPostgres]).</summary>
[XunitTestCaseDiscoverer("Promisingness.Tests.Infrastructure.DatabaseFactDiscoverer", "Promisingness.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseFactAttribute : FactAttribute;

/// <summary>A [Theory] of a class that also runs on PostgreSQL (a subclass marked [OnPostgres]).</summary>
[XunitTestCaseDiscoverer("Promisingness.Tests.Infrastructure.DatabaseTheoryDiscoverer", "Promisingness.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseTheoryAttribute : TheoryAttribute;

/// <summary>A [Fact] about SQLite's own machinery (FTS5 tables, its migrations): it has no test case in an [OnPostgres] class.</summary>
[XunitTestCaseDiscoverer("Promisingness.Tests.Infrastructure.SqliteFactDiscoverer", "Promisingness.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqliteFactAttribute : FactAttribute;

/// <summary>
/// A [Theory] whose cases are decided before the database is written (a refusal by the rules): SQLite alone runs it,
/// since a PostgreSQL twin would repeat the same C# at the cost of a database per case.
/// </summary>
[XunitTestCaseDiscoverer("Promisingness.Tests.Infrastructure.SqliteTheoryDiscoverer", "Promisingness.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqliteTheoryAttribute : TheoryAttribute;

public sealed class SqliteTheoryDiscoverer(IMessageSink sink) : TheoryDiscoverer(sink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        testMethod.TestClass.Class.GetCustomAttributes(typeof(OnPostgresAttribute)).Any() ? [] : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}

public sealed class SqliteFactDiscoverer(IMessageSink sink) : FactDiscoverer(sink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        testMethod.TestClass.Class.GetCustomAttributes(typeof(OnPostgresAttribute)).Any() ? [] : base.Discover(discoveryOptions, testMethod, factAttribute);
}

public sealed class DatabaseFactDiscoverer(IMessageSink sink) : FactDiscoverer(sink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        SkippedOnPostgres.For(DiagnosticMessageSink, discoveryOptions, testMethod) ?? base.Discover(discoveryOptions, testMethod, factAttribute);
}

public sealed class DatabaseTheoryDiscoverer(IMessageSink sink) : TheoryDiscoverer(sink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        SkippedOnPostgres.For(DiagnosticMessageSink, discoveryOptions, testMethod) ?? base.Discover(discoveryOptions, testMethod, theoryAttribute);
}

/// <summary>A test case reported as skipped with TestPostgres.SkipReason.</summary>
public sealed class SkippedOnPostgres : XunitTestCase
{
    [Obsolete("For deserialization only.")]
    public SkippedOnPostgres()
    {
    }

    private SkippedOnPostgres(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method)
        : base(sink, display, options, method)
    {
    }

    public static IEnumerable<IXunitTestCase>? For(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod method) =>
        TestPostgres.SkipReason is not null && method.TestClass.Class.GetCustomAttributes(typeof(OnPostgresAttribute)).Any()
            ? [new SkippedOnPostgres(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method)]
            : null;

    protected override string GetSkipReason(IAttributeInfo factAttribute) => TestPostgres.SkipReason ?? "";
}

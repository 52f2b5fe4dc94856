using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Promisingness.Web.Features.Entries;

/// <summary>An ISO 8601 week ("2026-W48"): Monday to Sunday, the week of the year's first Thursday being week 1.</summary>
public readonly partial record struct IsoWeek(int Year, int Week) : IComparable<IsoWeek>
{
    public static IsoWeek Of(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(date), ISOWeek.GetWeekOfYear(date));
    }

    public static IsoWeek Of(DateTimeOffset moment) => Of(DateOnly.FromDateTime(moment.UtcDateTime));

    /// <summary>A week as the database stores it ("2026-W48", always written by <see cref="ToString"/>); default if it is not one.</summary>
    public static IsoWeek FromStored(string week) => TryParse(week, out var parsed) ? parsed.Value : default;

    public static bool TryParse(string? text, [NotNullWhen(true)] out IsoWeek? week)
    {
        week = null;
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is not { Success: true })
        {
            return false;
        }
        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var number = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (year < 2000 || year > 2999 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }
        week = new IsoWeek(year, number);
        return true;
    }

    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    public DateOnly Sunday => Monday.AddDays(6);

    /// <summary>The week's first moment, Monday 00:00 UTC; <see cref="End"/> is the next Monday's.</summary>
    public DateTimeOffset Start => new(Monday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public DateTimeOffset End => Start.AddDays(7);

    public IsoWeek Next => Of(Monday.AddDays(7));

    public IsoWeek Previous => Of(Monday.AddDays(-7));

    /// <summary>"Week 48, 2026".</summary>
    public string Label => $"Week {Week}, {Year}";

    /// <summary>"23–29 Nov 2026", or across months "30 Nov – 6 Dec 2026".</summary>
    public string Days => Monday.Month == Sunday.Month
        ? $"{Monday.Day}–{Sunday.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}"
        : $"{Monday.ToString("d MMM", CultureInfo.InvariantCulture)} – {Sunday.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";

    /// <summary>The weeks a summary is usually written for: a few past ones, this one, the next.</summary>
    public static IReadOnlyList<IsoWeek> Around(IsoWeek current, int back = 8, int ahead = 1) =>
        [.. Enumerable.Range(-ahead, back + ahead + 1).Select(offset => Of(current.Monday.AddDays(-7 * offset)))];

    public int CompareTo(IsoWeek other) => (Year, Week).CompareTo((other.Year, other.Week));

    /// <summary>"2026-W48": the stored form, which also sorts by time.</summary>
    public override string ToString() => $"{Year:D4}-W{Week:D2}";

    [GeneratedRegex(@"^(\d{4})-?W(\d{1,2})$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}

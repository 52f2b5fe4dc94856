using System.Globalization;
using System.Text;

namespace Promisingness.Web.Features.Api;

/// <summary>
/// A cursor is the position after the last item sent (an id, a revision number, a page), opaque to clients so that
/// its form may change; a cursor the wiki did not make is refused, not guessed at.
/// </summary>
public static class ApiCursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static string Of(int position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(position.ToString(CultureInfo.InvariantCulture))).TrimEnd('=');

    /// <summary>Null when no cursor was given; false when one was given that the wiki did not make.</summary>
    public static bool TryRead(string? cursor, out int? position)
    {
        position = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor.PadRight(cursor.Length + ((4 - (cursor.Length % 4)) % 4), '=')));
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                position = value;
                return true;
            }
        }
        catch (FormatException)
        {
            // Not base64: not a cursor of ours.
        }
        return false;
    }

    public static bool TryLimit(int? limit, out int value)
    {
        value = limit ?? DefaultLimit;
        return value is >= 1 and <= MaxLimit;
    }

    public const string BadCursor = "This cursor was not made by this wiki: pass the nextCursor of the previous page as it came.";
    public static readonly string BadLimit = $"limit must be from 1 to {MaxLimit}.";
}

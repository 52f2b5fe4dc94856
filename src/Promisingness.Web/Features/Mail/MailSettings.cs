using Microsoft.Data.Sqlite;
using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Mail;

public enum SmtpSecurity
{
    None,
    StartTls,
    Tls,
}

/// <summary>
/// Where mail goes (Smtp:*) and where its links point (Wiki:PublicUrl). A class, not a record: a record's
/// ToString would print the SMTP password into any log that prints the settings.
/// </summary>
public sealed class MailSettings
{
    /// <summary>Links from the command line, with no Wiki:PublicUrl and no request to take an address from.</summary>
    public static readonly Uri FallbackUrl = new("http://localhost:8080/");

    public string? Host { get; init; }
    public int Port { get; init; }
    public SmtpSecurity Security { get; init; }
    public string? User { get; init; }
    public string? Password { get; init; }
    public string From { get; init; } = "Promisingness Wiki <wiki@localhost>";
    public Uri? PublicUrl { get; init; }

    /// <summary>Without Smtp:Host each message is written here as an .eml file: data/outbox beside the database.</summary>
    public string OutboxFolder { get; init; } = "";
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan LongestRetry { get; init; } = TimeSpan.FromHours(1);
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Digests go out at this hour (Mail:DigestHour) in this zone (Mail:DigestTimeZone): daily, and on Mondays weekly.</summary>
    public int DigestHour { get; init; } = 8;
    public TimeZoneInfo DigestTimeZone { get; init; } = TimeZoneInfo.Utc;

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Host);

    /// <summary>For the log at start and /admin/mail; never the password.</summary>
    public string Destination => UsesSmtp
        ? $"the SMTP server {Host}:{Port} ({Security}{(string.IsNullOrEmpty(User) ? "" : $", as {User}")})"
        : $".eml files in {OutboxFolder}";

    /// <summary>An absolute link: on Wiki:PublicUrl when it is set, else on the address the request came to.</summary>
    public Uri Link(string relative, Uri? requestBase) => new(PublicUrl ?? requestBase ?? FallbackUrl, relative.TrimStart('/'));

    public static MailSettings Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var securityText = configuration["Smtp:Security"];
        var security = SmtpSecurity.StartTls;
        if (!string.IsNullOrWhiteSpace(securityText) && !(Enum.TryParse(securityText, ignoreCase: true, out security) && Enum.IsDefined(security)))
        {
            throw new InvalidOperationException($"Smtp:Security is '{securityText}'; it must be None, StartTls or Tls.");
        }
        var publicUrlText = configuration["Wiki:PublicUrl"];
        Uri? publicUrl = null;
        if (!string.IsNullOrWhiteSpace(publicUrlText))
        {
            if (!Uri.TryCreate(publicUrlText.TrimEnd('/') + "/", UriKind.Absolute, out publicUrl) || publicUrl.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException($"Wiki:PublicUrl is '{publicUrlText}'; it must be an absolute http or https address, e.g. https://wiki.example.org/.");
            }
        }
        var from = configuration["Smtp:From"];
        var digestHour = configuration.GetValue("Mail:DigestHour", 8);
        if (digestHour is < 0 or > 23)
        {
            throw new InvalidOperationException($"Mail:DigestHour is {digestHour}; it must be an hour from 0 to 23.");
        }
        var zoneName = configuration["Mail:DigestTimeZone"];
        TimeZoneInfo zone;
        try
        {
            zone = string.IsNullOrWhiteSpace(zoneName) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(zoneName);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new InvalidOperationException($"Mail:DigestTimeZone is '{zoneName}'; it must be a time zone such as Europe/Berlin or UTC.");
        }
        return new MailSettings
        {
            Host = configuration["Smtp:Host"],
            Port = configuration.GetValue<int?>("Smtp:Port") ?? (security == SmtpSecurity.Tls ? 465 : security == SmtpSecurity.StartTls ? 587 : 25),
            Security = security,
            User = configuration["Smtp:User"],
            Password = configuration["Smtp:Password"],
            From = string.IsNullOrWhiteSpace(from) ? $"Promisingness Wiki <wiki@{publicUrl?.Host ?? "localhost"}>" : from,
            PublicUrl = publicUrl,
            OutboxFolder = OutboxFolderOf(configuration, environment),
            Poll = TimeSpan.FromMilliseconds(configuration.GetValue("Mail:PollMilliseconds", 5_000)),
            FirstRetry = TimeSpan.FromMilliseconds(configuration.GetValue("Mail:FirstRetryMilliseconds", 30_000)),
            LongestRetry = TimeSpan.FromMilliseconds(configuration.GetValue("Mail:LongestRetryMilliseconds", 3_600_000)),
            DigestHour = digestHour,
            DigestTimeZone = zone,
        };
    }

    /// <summary>Mail:OutboxFolder when set; else beside the SQLite file (data/wiki.db → data/outbox); on PostgreSQL, data/outbox under the app's folder.</summary>
    private static string OutboxFolderOf(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration["Mail:OutboxFolder"] is { Length: > 0 } chosen)
        {
            return Path.GetFullPath(chosen);
        }
        if (DatabaseProviders.From(configuration) == DatabaseProvider.Sqlite && configuration.GetConnectionString("Wiki") is { } connectionString)
        {
            var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
            if (!string.IsNullOrEmpty(dataSource) && dataSource != ":memory:")
            {
                return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dataSource))!, "outbox");
            }
        }
        return Path.Combine(environment.ContentRootPath, "data", "outbox");
    }
}

namespace Promisingness.Web.Features.Attachments;

/// <summary>Attachments:MaxBytes (default 20 MB): the largest file an upload may carry.</summary>
public sealed record AttachmentSettings(long MaxBytes)
{
    public const long DefaultMaxBytes = 20 * 1024 * 1024;

    public static AttachmentSettings From(IConfiguration configuration) =>
        new(configuration.GetValue("Attachments:MaxBytes", DefaultMaxBytes));
}

namespace Promisingness.Web.CommandLine;

internal static class Arguments
{
    /// <summary>Splits a verb's arguments into positional ones and the known "--name value" options.</summary>
    public static (List<string> Positional, Dictionary<string, string> Options) Parse(string[] args, params string[] known)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
            }
            else if (!known.Contains(args[i], StringComparer.OrdinalIgnoreCase))
            {
                throw new UsageException($"Unknown option {args[i]}.");
            }
            else if (i + 1 >= args.Length)
            {
                throw new UsageException($"{args[i]} needs a value.");
            }
            else
            {
                options[args[i]] = args[++i];
            }
        }
        return (positional, options);
    }
}

/// <summary>A command line that does not say what it means; the usage is printed with it.</summary>
internal sealed class UsageException(string message) : Exception(message);

using Promisingness.Web.CommandLine;
using Promisingness.Web.Setup;

// A verb (or help, or a word that is not a verb) runs in a host of its own and exits; anything else serves the wiki.
return WikiCommandLine.Classify(args) == CommandLineKind.Serve
    ? await WikiHost.RunAsync(args)
    : await CommandLineHost.RunAsync(args);

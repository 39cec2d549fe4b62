using System.CommandLine;
using Allocator.Solver;

namespace Allocator.Cli.Commands;

/// <summary>Options several commands share, defined once so their names and help agree.</summary>
internal static class CommonOptions
{
    public static Argument<string?> Request(string description) => new("request")
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Option<bool> ErrorsJson() => new("--errors-json")
    {
        Description = "On invalid input, print the contract's {\"errors\": [...]} document on stdout instead of lines on stderr",
    };

    public static Option<bool> Verbose() => new("--verbose")
    {
        Description = "Show the stack trace of internal failures",
    };

    public static Option<string> Explain(string fallback) => new Option<string>("--explain")
    {
        Description = "How much to explain: auto (by size), full (marginal values checked by re-solves), duals, reasons (no marginal values), none",
        DefaultValueFactory = _ => fallback,
    }.AcceptOnlyFromAmong("auto", "full", "duals", "reasons", "none");

    public static Option<long?> MaxRequestBytes() => new("--max-request-bytes")
    {
        Description = "Largest request accepted, in bytes (default 64 MiB); reading stops there",
    };

    /// <summary>How a user accepts a larger request, for the size-cap message.</summary>
    public const string RaiseRequestLimit = "raise the limit with --max-request-bytes";

    public static ExplainLevel ExplainLevelOf(string value) => Enum.Parse<ExplainLevel>(value, ignoreCase: true);
}

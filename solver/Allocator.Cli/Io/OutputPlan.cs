namespace Allocator.Cli.Io;

/// <summary>
/// A command's outputs, checked before any work is done: each path is writable by the rule of
/// <see cref="OutputTarget"/>, none is an input (the input is never modified), and no two outputs are one file
/// (compared by real path, links resolved). Devices such as <c>/dev/null</c> may take several outputs.
/// </summary>
internal sealed class OutputPlan
{
    private readonly List<OutputTarget> _targets;

    private OutputPlan(List<OutputTarget> targets) => _targets = targets;

    /// <summary>
    /// Checks <paramref name="outputs"/> (option and path; a null path is stdout) against each other and against
    /// <paramref name="inputs"/> (option and path; null and <c>-</c> are not files). Every problem is returned.
    /// </summary>
    public static (OutputPlan? Plan, IReadOnlyList<string> Problems) Create(
        IEnumerable<(string Option, string? Path)> inputs, params (string Option, string? Path)[] outputs)
    {
        var problems = new List<string>();
        var targets = new List<OutputTarget>();
        foreach (var (option, path) in outputs)
        {
            if (path is null)
            {
                targets.Add(OutputTarget.Stdout(option));
                continue;
            }
            var (target, problem) = OutputTarget.Resolve(option, path);
            if (target is null) problems.Add(problem!);
            else targets.Add(target);
        }

        var inputFiles = inputs.Where(i => i.Path is not null and not "-")
            .Select(i => (i.Option, Given: i.Path!, Identity: IdentityOfInput(i.Path!))).Where(i => i.Identity is not null).ToList();
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            if (target.Identity is null) continue;
            foreach (var input in inputFiles.Where(input => input.Identity == target.Identity))
                problems.Add($"{target.Describe()} is the input {Name(input.Option, input.Given)}: allocator never modifies its input (write to another file)");
            if (target.Kind == OutputKind.InPlace && IsCharacterDevice(target)) continue;
            foreach (var earlier in targets.Take(i).Where(e => e.Identity == target.Identity))
                problems.Add($"{target.Describe()} is the same file as {earlier.Describe()} (give each output its own file)");
        }
        return problems.Count == 0 ? (new OutputPlan(targets), []) : (null, problems);
    }

    /// <summary>Writes <paramref name="contents"/> (one per output, in the order given to <see cref="Create"/>) by <see cref="SafeFileWriter"/>.</summary>
    public void Write(CancellationToken cancellationToken, params byte[][] contents)
    {
        if (contents.Length != _targets.Count) throw new ArgumentException($"{contents.Length} contents for {_targets.Count} outputs", nameof(contents));
        SafeFileWriter.WriteAll(_targets.Zip(contents).ToList(), cancellationToken);
    }

    private static string Name(string option, string given) => option.StartsWith('-') ? $"{option} '{given}'" : $"'{given}'";

    private static string? IdentityOfInput(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            return Posix.IsUnix ? Posix.RealPath(full) ?? full : full;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null; // the reader reports it
        }
    }

    private static bool IsCharacterDevice(OutputTarget target) => Posix.IsUnix && Posix.FileType(target.Path!) == Posix.S_IFCHR;
}

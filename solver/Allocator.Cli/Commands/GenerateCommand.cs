using System.CommandLine;
using Allocator.Cli.Io;
using Allocator.Models;
using Allocator.Scenarios;
using Allocator.Scenarios.Hard;

namespace Allocator.Cli.Commands;

/// <summary><c>allocator generate --preset L --seed 7</c>: a realistic synthetic request for benchmarks and research.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var preset = new Option<string?>("--preset", "-p") { Description = "S, M, L or XL (see docs/generator.md); explicit sizes below override its counts" };
        preset.AcceptOnlyFromAmong([.. ScenarioSize.PresetNames, .. ScenarioSize.PresetNames.Select(n => n.ToLowerInvariant())]);
        var donors = PositiveCount("--donors", "Number of donors");
        var lines = PositiveCount("--lines", "Number of production lines");
        var periods = PositiveCount("--periods", "Number of periods");
        var needs = PositiveCount("--needs", "Number of needs");
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same request", DefaultValueFactory = _ => 1 };
        var structure = new Option<string?>("--structure") { Description = "A hard structure instead of a realistic preset: " + string.Join(", ", HardStructure.Names) + " (docs/generator.md)" };
        structure.AcceptOnlyFromAmong([.. HardStructure.Names]);
        var moneyFactor = new Option<double?>("--money-factor") { Description = "With --structure: multiply every amount and unit cost (a change of currency, e.g. 1400 for KRW)" };
        var currency = new Option<string?>("--currency") { Description = "With --structure: the currency of every amount (default USD)" };
        var wholeUnits = new Option<bool>("--whole-units") { Description = "Sell every line in lots (guns and vehicles by the unit, rounds and drones in lots) with a minimum order on some: contract 1.1 (docs/generator.md)" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the request here instead of stdout (a file is replaced atomically; see docs/reliability.md)" };
        var verbose = CommonOptions.Verbose();
        var command = new Command("generate", "Write a realistic synthetic request (deterministic for a seed)")
        {
            preset, donors, lines, periods, needs, seed, structure, moneyFactor, currency, wholeUnits, output, verbose,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Guard.Run(parse.GetValue(verbose), () =>
        {
            var (outputs, refused) = OutputPlan.Create([], ("-o", parse.GetValue(output)));
            if (outputs is null) return ErrorReport.RefusedOutputs(refused);
            AllocationRequest request;
            if (parse.GetValue(structure) is { } name)
            {
                var shape = HardStructure.Named(name);
                request = HardScenarioGenerator.Generate(shape with
                {
                    Donors = parse.GetValue(donors) ?? shape.Donors,
                    Lines = parse.GetValue(lines) ?? shape.Lines,
                    Periods = parse.GetValue(periods) ?? shape.Periods,
                    Needs = parse.GetValue(needs) ?? shape.Needs,
                    MoneyFactor = parse.GetValue(moneyFactor) ?? 1,
                    BaseCurrency = parse.GetValue(currency) ?? shape.BaseCurrency,
                }, parse.GetValue(seed));
            }
            else
            {
                var basis = ScenarioSize.Preset(parse.GetValue(preset) ?? "S");
                var size = new ScenarioSize(
                    parse.GetValue(donors) ?? basis.Donors,
                    parse.GetValue(lines) ?? basis.Lines,
                    parse.GetValue(periods) ?? basis.Periods,
                    parse.GetValue(needs) ?? basis.Needs);
                request = ScenarioGenerator.Generate(size, parse.GetValue(seed));
            }
            if (parse.GetValue(wholeUnits)) request = WholeUnitScenarios.Apply(request, parse.GetValue(seed));
            outputs.Write(cancellationToken, TextOutput.Render(w => w.WriteLine(AllocatorJson.Serialize(request)), forTerminal: false));
            return ExitCodes.Ok;
        })));
        return command;
    }

    private static Option<int?> PositiveCount(string name, string description)
    {
        var option = new Option<int?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
                result.AddError($"{name} must be at least 1");
        });
        return option;
    }
}

using System.Text;
using Allocator.Models;
using Allocator.Tests.Cli;
using Allocator.Workbook;

namespace Allocator.Tests.Workbook;

/// <summary>The request as a folder of CSV files, one per sheet: lossless both ways, errors at the same cells, and the CLI.</summary>
public sealed class CsvFolderTests
{
    public static TheoryData<string> Examples() => WorkbookRoundTripTests.Examples();

    private static string CsvRoundTrip(string canonical)
    {
        var files = RequestCsvFolder.Write(RequestReader.Read(canonical).Request!).ToDictionary(f => f.FileName, f => f.Content);
        var back = RequestCsvFolder.Read(files);
        Assert.Empty(back.Errors);
        return WorkbookFixtures.Canonical(back.Json!);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_survives_the_trip_through_csv_files(string file)
    {
        var canonical = WorkbookFixtures.Canonical(File.ReadAllBytes(Path.Combine(WorkbookFixtures.ExamplesDirectory, file)));
        Assert.Equal(canonical, CsvRoundTrip(canonical));
    }

    /// <summary>Empty strings, quotes, commas, line breaks, leading spaces and numbers in text columns stay what they were.</summary>
    [Fact]
    public void Awkward_text_and_numbers_survive_the_trip()
    {
        const string json = """
            {
              "schemaVersion": "1",
              "name": "  Leading spaces, quotes \" and ' and a line\r\nbreak, Ünïcode, =SUM(A1) ",
              "baseCurrency": "EUR",
              "exchangeRates": { "USD": 0.9240000000000001, "JPY": 6.1e-3 },
              "horizon": { "periods": 3 },
              "donors": [
                { "id": "007", "tranches": [ { "amount": 1e-7, "currency": "USD" }, { "amount": 12345678901234.5, "currency": "EUR", "availableFrom": 1, "expiresAfter": 2 } ],
                  "eligibility": { "categories": [], "countries": ["UA", "PL"], "excludedProducers": ["p,2", ""] } },
                { "id": "TRUE", "name": "", "tranches": [ { "amount": 5, "currency": "JPY" } ], "eligibility": {} }
              ],
              "lines": [
                { "id": "1", "producer": "p1", "country": "UA", "category": "c", "unitCost": 0.1, "currency": "EUR", "leadTime": 0, "capacity": [0, 1.5, 2], "slip": [0.5, 0, 0.5] },
                { "id": "l2", "producer": "p,2", "country": "PL", "category": "c", "product": "\"quoted\"", "unitCost": 3, "currency": "USD", "leadTime": 2, "capacity": 4 }
              ],
              "needs": [ { "id": "n1", "category": "c", "quantity": 1, "priority": 2, "dueBy": 0, "lateDecay": 0, "tier": 1 } ],
              "solver": { "tieRule": true },
              "asOf": 1,
              "commitments": [ { "donor": "007", "tranche": 1, "line": "1", "period": 1, "amount": 0.25 } ],
              "previousPlan": { "allocations": [] }
            }
            """;
        var canonical = WorkbookFixtures.Canonical(Encoding.UTF8.GetBytes(json));
        Assert.Equal(canonical, CsvRoundTrip(canonical));
    }

    [Fact]
    public void The_cli_writes_a_folder_reads_it_back_and_names_a_bad_cell()
    {
        using var dir = new TempDirectory();
        var example = Path.Combine(WorkbookFixtures.ExamplesDirectory, "ukraine-2024-october.json");
        var toCsv = CliRunner.Run(dir.Path, null, "convert", example, "-o", "request-csv/");
        Assert.True(toCsv.ExitCode == 0, toCsv.ToString());
        Assert.Empty(toCsv.StdoutBytes);
        Assert.True(File.Exists(Path.Combine(dir.Path, "request-csv", "Tranches.csv")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "request-csv", "Commitments.csv")));
        Assert.False(File.Exists(Path.Combine(dir.Path, "request-csv", "Lists.csv")));

        var back = CliRunner.Run(dir.Path, null, "convert", "request-csv");
        Assert.True(back.ExitCode == 0, back.ToString());
        Assert.Equal(WorkbookFixtures.Canonical(File.ReadAllBytes(example)) + "\n", back.Stdout);

        // Row 3 of Commitments.csv has a word for its amount.
        var path = Path.Combine(dir.Path, "request-csv", "Commitments.csv");
        var lines = File.ReadAllLines(path);
        var cells = lines[2].Split(',');
        cells[4] = "lots";
        lines[2] = string.Join(',', cells);
        File.WriteAllLines(path, lines);
        var bad = CliRunner.Run(dir.Path, null, "convert", "request-csv", "-o", "request.json");
        Assert.Equal(2, bad.ExitCode);
        Assert.Empty(bad.StdoutBytes);
        Assert.StartsWith("$.commitments[1].amount: Commitments!E3: ", bad.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.Path, "request.json")));
    }

    [Fact]
    public void A_quote_left_open_is_a_sentence_naming_the_file_and_line()
    {
        var read = RequestCsvFolder.Read(new Dictionary<string, byte[]> { ["Donors.csv"] = "Donor id,Donor name\r\ndk,\"Denmark\r\n"u8.ToArray() });
        Assert.Null(read.Json);
        Assert.Equal("Donors.csv: a quote opened on line 2 is never closed", Assert.Single(read.Errors).Message);
    }
}

using System.Text.Json.Nodes;

namespace Allocator.Workbook.Requests;

/// <summary>
/// The closed lists behind the drop-downs, taken from the request itself (the currencies, categories, countries,
/// producers and donors it uses), in order of first use. They fill the hidden <c>Lists</c> sheet.
/// </summary>
internal sealed class ValueLists
{
    public const int CurrencyColumn = 0;
    public const int CategoryColumn = 1;
    public const int CountryColumn = 2;
    public const int ProducerColumn = 3;
    public const int DonorColumn = 4;

    public static readonly string[] Headers = ["Currencies", "Categories", "Countries", "Producers", "Donors"];

    public List<string>[] Columns { get; } = [[], [], [], [], []];

    public int Longest => Columns.Max(c => c.Count);

    public static ValueLists Of(JsonObject root)
    {
        var lists = new ValueLists();
        void Add(int column, JsonNode? node)
        {
            if (node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 && !lists.Columns[column].Contains(text))
                lists.Columns[column].Add(text);
        }
        Add(CurrencyColumn, root["baseCurrency"]);
        foreach (var (currency, _) in (root["exchangeRates"] as JsonObject) ?? [])
            Add(CurrencyColumn, JsonValue.Create(currency));
        foreach (var line in (root["lines"] as JsonArray) ?? [])
        {
            Add(CurrencyColumn, line?["currency"]);
            Add(CategoryColumn, line?["category"]);
            Add(CountryColumn, line?["country"]);
            Add(ProducerColumn, line?["producer"]);
        }
        foreach (var need in (root["needs"] as JsonArray) ?? [])
            Add(CategoryColumn, need?["category"]);
        foreach (var donor in (root["donors"] as JsonArray) ?? [])
        {
            Add(DonorColumn, donor?["id"]);
            foreach (var tranche in (donor?["tranches"] as JsonArray) ?? [])
                Add(CurrencyColumn, tranche?["currency"]);
        }
        return lists;
    }
}

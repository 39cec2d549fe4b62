using System.Text.RegularExpressions;

namespace Allocator.Models;

/// <summary>
/// System.Text.Json's syntax messages speak to programmers ("not supported in this mode. Change the reader
/// options", "isFinalBlock", "token type"). A planner who mistyped a file needs what is wrong and what to type:
/// the known messages are rewritten here, and any other loses the parser's position suffix.
/// </summary>
public static class JsonSyntaxMessages
{
    private static readonly (Regex Pattern, string Plain)[] Rewrites =
    [
        (new(@"^The JSON array contains a trailing comma"), "a comma after the last item of a list (remove the comma before ']')"),
        (new(@"^The JSON object contains a trailing comma"), "a comma after the last property of an object (remove the comma before '}')"),
        (new(@"^Expected depth to be zero at the end of the JSON payload"), "the text ends before every '{' and '[' is closed (add the missing '}' or ']')"),
        (new(@"^The input does not contain any JSON tokens"), "the file is empty or holds only spaces (give a request: an object in braces)"),
        (new(@"^The maximum configured depth of (\d+) has been exceeded"), "objects and lists are nested more than $1 deep (a request needs at most 6 levels)"),
        (new(@"^'(.*)' is invalid after a single JSON value"), "'$1' after the end of the request (the request is one object: remove what follows its closing '}')"),
        (new(@"^'(.*)' is invalid after a value\. Expected either ',', '}', or ']'"), "'$1' after a value (separate values with ',', and close objects with '}' and lists with ']')"),
        (new(@"^'(.*)' is invalid after a property name\. Expected a ':'"), "'$1' after a property name (put ':' between a name and its value)"),
        (new(@"^'(.*)' is an invalid start of a property name\. Expected a '""'"), "'$1' where a property name should start (names are in double quotes, and nothing follows the last property's comma)"),
        (new(@"^'(.*)' is an invalid start of a value"), "'$1' cannot start a value (a value is a number, text in double quotes, true, false, null, an object or a list; comments are not allowed)"),
        (new(@"^'(.*)' is an invalid JSON literal\. Expected the literal '(\w+)'"), "'$1' is not a value (did you mean $2? text must be in double quotes)"),
        (new(@"^'(.*)' is an invalid end of a number"), "a number ends in '$1' (write numbers as digits, such as 1500 or 2.5e6, with no unit or separator)"),
        (new(@"^'(.*)' is invalid within a number"), "'$1' inside a number (write numbers as digits, such as 1500 or 2.5e6)"),
        (new(@"^Invalid leading zero before '(.*)'"), "a number starts with 0 followed by '$1' (remove the leading zero)"),
        (new(@"^'(.*)' is invalid without a matching open"), "'$1' closes something that was never opened (remove it, or add the matching opening bracket)"),
        (new(@"^'(.*)' is an invalid token type for the end of the JSON payload"), "the request ends in the wrong place (close every '{' with '}' and every '[' with ']')"),
        (new(@"^Expected end of string, but instead reached end of data"), "a text value is not closed (add the closing double quote)"),
        (new(@"^Expected end of comment"), "comments are not allowed in a request (remove it)"),
        (new(@"^Expected a value, but instead reached end of data"), "the text ends where a value should follow (add the value, then close every '{' and '[')"),
        (new(@"^Expected start of a property name or value, but instead reached end of data"), "the text ends too early (close every '{' with '}' and every '[' with ']')"),
        (new(@"^'(.*)' is an invalid escapable character within a JSON string"), "'\\$1' is not an escape sequence in text (write a backslash as \\\\)"),
        (new(@"^'(.*)' is not a hex digit following '\\u' within a JSON string"), "'$1' follows \\u in text (\\u needs four hex digits, such as \\u00e9)"),
        (new(@"^'(.*)' is invalid within a JSON string"), "a control character inside text (write a line break as \\n and a tab as \\t)"),
    ];

    /// <summary>The parser's message in a planner's words, without its position suffix (the caller names the position).</summary>
    public static string Plain(string message)
    {
        var text = Sentence(message);
        foreach (var (pattern, plain) in Rewrites)
            if (pattern.Match(text) is { Success: true } match)
                return match.Result(plain);
        return text;
    }

    /// <summary>
    /// The message without the "Path: ... | LineNumber: ... | BytePositionInLine: ..." that System.Text.Json
    /// appends, and without its final full stop.
    /// </summary>
    public static string Sentence(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        var text = (cut >= 0 ? message[..cut] : message).Trim();
        return text.EndsWith('.') ? text[..^1] : text;
    }
}

namespace IamOps.Policy.Evaluation;

/// <summary>The ForAnyValue / ForAllValues prefix of a condition operator.</summary>
internal enum SetQualifier
{
    None,
    ForAnyValue,
    ForAllValues,
}

namespace IamOps.Policy.Evaluation;

internal enum PatternTokenKind
{
    Literal,
    Star,
    Question,
    Variable,
}

from .roles import is_editor


def roles(request) -> dict:
    return {"is_editor": is_editor(request.user)}

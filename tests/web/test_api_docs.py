"""The API documentation page works offline and under the strict content security policy."""

from bs4 import BeautifulSoup


def test_docs_page_loads_swagger_ui_from_our_own_server(client):
    response = client.get("/docs")
    assert response.status_code == 200
    page = BeautifulSoup(response.text, "html.parser")
    scripts = page.find_all("script")
    assert scripts and all(script.get("src") and not script.string for script in scripts)
    for script in scripts:
        assert script["src"].startswith("/")
        assert client.get(script["src"]).status_code == 200
    stylesheet = page.find("link", rel="stylesheet")["href"]
    assert client.get(stylesheet).status_code == 200
    assert page.find(id="swagger-ui")["data-openapi-url"] == "/openapi.json"
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]

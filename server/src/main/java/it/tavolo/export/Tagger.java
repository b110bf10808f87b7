package it.tavolo.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkedContentReference;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;

/**
 * The logical structure of one PDF being written (a tagged PDF, so that a screen reader reads
 * headings, paragraphs and table cells in order): structure elements under a Document
 * element, each piece of text marked with an MCID on its page, and the parent tree that maps
 * them back. Not thread-safe: one per document, used by the thread that writes it.
 */
final class Tagger {
  private final PDStructureTreeRoot root = new PDStructureTreeRoot();
  private final PDStructureElement document;
  /** Per page, in MCID order, the element each marked sequence belongs to. */
  private final Map<PDPage, List<PDStructureElement>> marks = new LinkedHashMap<>();

  Tagger(PDDocument doc, String language) {
    doc.getDocumentCatalog().setStructureTreeRoot(root);
    PDMarkInfo info = new PDMarkInfo();
    info.setMarked(true);
    doc.getDocumentCatalog().setMarkInfo(info);
    doc.getDocumentCatalog().setLanguage(language);
    PDViewerPreferences prefs = new PDViewerPreferences(new COSDictionary());
    prefs.setDisplayDocTitle(true);
    doc.getDocumentCatalog().setViewerPreferences(prefs);
    document = new PDStructureElement("Document", root);
    root.appendKid(document);
  }

  PDStructureElement document() {
    return document;
  }

  /** A new element of a standard type (P, H1, Table, TR, TH, TD…) as the last child of {@code parent}. */
  PDStructureElement element(String type, PDStructureElement parent) {
    PDStructureElement e = new PDStructureElement(type, parent);
    parent.appendKid(e);
    return e;
  }

  /** Marks the next content of {@code page} as part of {@code element}: its properties for BDC. */
  PDPropertyList mark(PDPage page, PDStructureElement element) {
    List<PDStructureElement> onPage = marks.computeIfAbsent(page, p -> new ArrayList<>());
    int mcid = onPage.size();
    onPage.add(element);
    PDMarkedContentReference ref = new PDMarkedContentReference();
    ref.setMCID(mcid);
    ref.setPage(page);
    element.appendKid(ref);
    COSDictionary props = new COSDictionary();
    props.setInt(COSName.MCID, mcid);
    return PDPropertyList.create(props);
  }

  /** Writes the parent tree; call once, after the last page is written. */
  void finish() {
    COSArray nums = new COSArray();
    int key = 0;
    for (Map.Entry<PDPage, List<PDStructureElement>> e : marks.entrySet()) {
      e.getKey().setStructParents(key);
      COSArray elements = new COSArray();
      for (PDStructureElement el : e.getValue()) elements.add(el);
      nums.add(COSInteger.get(key));
      nums.add(elements);
      key++;
    }
    COSDictionary tree = new COSDictionary();
    tree.setItem(COSName.NUMS, nums);
    root.getCOSObject().setItem(COSName.PARENT_TREE, tree);
    root.setParentTreeNextKey(key);
  }

}
